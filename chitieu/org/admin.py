"""Admin pages for units, people and accounts; every change is kept in history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from chitieu.org.models import Account, Person, Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "parent", "admin_code", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "short_name", "code")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path",)


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
