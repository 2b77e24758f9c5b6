"""Admin pages for terms, resolutions, indicators and targets; every change is kept in history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from chitieu.plans.models import Assignment, Indicator, Resolution, Target, TargetShare, Term


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "start_year", "end_year")


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ("number", "indicator", "comparator", "value", "value_max", "unit", "period", "lead_unit")
    autocomplete_fields = ("indicator", "lead_unit")
    show_change_link = True


@admin.register(Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "number", "issuer", "issued_on", "period")
    search_fields = ("code", "title", "number")
    autocomplete_fields = ("issuer",)
    inlines = [TargetInline]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ("unit", "valid_from", "valid_to")
    autocomplete_fields = ("unit",)


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "category", "unit", "direction", "aggregation", "frequency")
    list_filter = ("category", "direction", "aggregation", "frequency", "value_kind")
    search_fields = ("code", "name", "short_name", "aliases")
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "unit", "valid_from", "valid_to")
    list_filter = ("indicator",)
    search_fields = ("indicator__code", "indicator__name", "unit__name", "unit__code")
    autocomplete_fields = ("indicator", "unit")


class TargetShareInline(admin.TabularInline):
    """Shares are shown here and given on the page "Giao chỉ tiêu" (chitieu.monitoring.shares), where
    the parts are checked to add up: read-only in the admin."""

    model = TargetShare
    fields = ("unit", "value", "value_max", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    inlines = [TargetShareInline]
    list_display = ("resolution", "number", "indicator", "comparator", "value", "value_max", "unit", "period", "lead_unit")
    list_filter = ("resolution", "comparator", "indicator__category")
    search_fields = ("indicator__name", "clause")
    autocomplete_fields = ("resolution", "indicator", "lead_unit", "supporting_units", "leader")
