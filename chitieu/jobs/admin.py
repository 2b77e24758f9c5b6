"""Jobs in the admin: read and deleted (old jobs and their files), never added or changed;
the input and the file themselves are not shown."""

from django.contrib import admin

from chitieu.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "state", "requested_by", "finished_at", "filename")
    list_filter = ("kind", "state")
    search_fields = ("requested_by__username", "filename", "message")
    exclude = ("payload", "file")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
