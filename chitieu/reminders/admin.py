"""The reminder log in the admin: read-only (it is a record of what was sent)."""

from django.contrib import admin

from chitieu.reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "due_on", "as_of", "email", "emailed_at", "error")
    list_filter = ("due_on", "overdue")
    search_fields = ("user__username", "email", "subject")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
