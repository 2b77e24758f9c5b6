"""Admin pages for reported figures and locked periods; every change is kept in history.

Figures are read-only here: adding or changing one must go through the services (unit
conversion, frequency, locks, a reason for correcting an official figure, the approval
workflow), which the admin's plain model forms would skip. The pages, the API, `chitieu
observe` and `chitieu import` all call those services.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from chitieu.monitoring.models import Observation, PeriodLock
from chitieu.read_only_admin import ReadOnlyHistoryAdmin


@admin.register(Observation)
class ObservationAdmin(ReadOnlyHistoryAdmin):
    list_display = ("indicator", "unit", "period", "value", "stage", "state", "source", "reported_on")
    list_filter = ("stage", "state", "indicator__category")
    search_fields = ("indicator__name", "indicator__code", "unit__name", "period", "source")
    autocomplete_fields = ("unit", "indicator")
    readonly_fields = ("entered_by", "entered_at", "updated_at", "approved_by", "approved_at")
    list_select_related = ("indicator", "unit")


@admin.register(PeriodLock)
class PeriodLockAdmin(SimpleHistoryAdmin):
    list_display = ("period", "unit", "reason", "locked_by", "locked_at")
    autocomplete_fields = ("unit",)
