"""Admin pages for documents read and their items (read-only text; history kept)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from chitieu.reading.models import DocumentReading, ExtractedItem


class ExtractedItemInline(admin.TabularInline):
    model = ExtractedItem
    extra = 0
    fields = ("order", "kind", "indicator_name", "indicator", "comparator", "value", "value_max", "unit",
              "period", "decision", "target", "observation", "task")
    readonly_fields = ("target", "observation", "task")
    raw_id_fields = ("indicator",)
    show_change_link = True


@admin.register(DocumentReading)
class DocumentReadingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "unit", "resolution", "created_by", "created_at", "drafted_at")
    list_filter = ("kind",)
    search_fields = ("title", "source_name")
    readonly_fields = ("text", "source_name", "created_by", "created_at", "drafted_at")
    raw_id_fields = ("resolution", "unit")
    inlines = [ExtractedItemInline]


@admin.register(ExtractedItem)
class ExtractedItemAdmin(SimpleHistoryAdmin):
    list_display = ("reading", "order", "kind", "indicator_name", "value", "unit", "period", "decision")
    list_filter = ("kind", "decision", "proposed_indicator")
    search_fields = ("text", "indicator_name")
    raw_id_fields = ("reading", "indicator", "target", "observation", "task")
