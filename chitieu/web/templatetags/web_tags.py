"""Template filters for Vietnamese numbers, statuses and simulated-figure marks."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from chitieu.core.choices import SIMULATED_LABEL, SIMULATED_SOURCE
from chitieu.core.quantities import format_number, format_percent, format_target

register = template.Library()


@register.filter
def vn(value, digits=None):
    """Format a number the Vietnamese way ("89.490,478"); "—" for None."""
    if value is None or value == "":
        return "—"
    try:
        return format_number(float(value)) if digits in (None, "") else format_number(float(value), int(digits))
    except (TypeError, ValueError):
        return value


@register.filter
def target_words(target):
    """A stored target as every table writes it: "≥ 12,5%", "56.000 lượt người"."""
    return format_target(target.comparator, target.value, target.value_max, target.unit)


@register.filter
def percent(value):
    """Format a ratio (1.05) as a Vietnamese percentage ("105,0%"; a ratio that is not 1 never
    reads "100,0%", core.quantities.format_percent); "—" for None."""
    if value is None:
        return "—"
    return format_percent(float(value))


@register.simple_tag
def sim_mark(source):
    """A visible "Số liệu mô phỏng" mark when the figure's source is simulated, else nothing."""
    if source == SIMULATED_SOURCE:
        return format_html('<span class="sim" title="Nguồn: {}">{}</span>', SIMULATED_SOURCE, SIMULATED_LABEL)
    return ""


@register.simple_tag
def badge(choice):
    """A coloured badge for a Status, TaskStatus, EntryState or Stage member."""
    if choice is None or choice == "":
        return ""
    return format_html('<span class="badge" style="background:{}">{}</span>', choice.colour, choice.label)


@register.filter
def who(user):
    """A user's full name, else the user name; "—" for nobody."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
