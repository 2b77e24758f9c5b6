"""The Django admin's read-only page for records that change only through their service
(figures through monitoring.services, reorganisations through org.history): shown with their
history, never added, changed or deleted there."""

from __future__ import annotations

from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
