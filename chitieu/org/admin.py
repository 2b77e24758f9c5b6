"""Admin pages for units, people and accounts; every change is kept in history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from chitieu.org.models import Account, Person, Reorganisation, Unit, UnitLink
from chitieu.read_only_admin import ReadOnlyHistoryAdmin


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "parent", "admin_code", "valid_from", "valid_to", "version", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent",)
    # Validity and versions change only through a reorganisation (chitieu.org.history), which
    # checks its shares and dates.
    readonly_fields = ("path", "valid_from", "valid_to", "version")


@admin.register(Reorganisation)
class ReorganisationAdmin(ReadOnlyHistoryAdmin):
    list_display = ("effective_on", "legal_basis")


@admin.register(UnitLink)
class UnitLinkAdmin(ReadOnlyHistoryAdmin):
    list_display = ("predecessor", "successor", "share", "basis", "part", "reorganisation")
    list_filter = ("reorganisation", "basis")
    search_fields = ("predecessor__name", "successor__name")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "title", "unit")
    search_fields = ("full_name", "title")
    autocomplete_fields = ("unit", "responsible_units")


@admin.register(Account)
class AccountAdmin(SimpleHistoryAdmin):
    list_display = ("user", "unit", "role", "person")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name")
    autocomplete_fields = ("unit", "person")
