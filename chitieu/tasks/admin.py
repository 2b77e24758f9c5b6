"""Admin pages for tasks and their progress updates; every change is kept in history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from chitieu.tasks.models import Task, TaskUpdate


class TaskUpdateInline(admin.TabularInline):
    model = TaskUpdate
    extra = 0
    fields = ("note", "progress", "evidence", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "lead_unit", "deadline", "completed_on", "progress")
    list_filter = ("lead_unit",)
    search_fields = ("code", "title", "source")
    autocomplete_fields = ("resolution", "lead_unit", "supporting_units", "leader")
    inlines = [TaskUpdateInline]


@admin.register(TaskUpdate)
class TaskUpdateAdmin(SimpleHistoryAdmin):
    list_display = ("task", "progress", "created_by", "created_at")
    search_fields = ("task__title", "note")
