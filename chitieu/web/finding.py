"""One search over units, indicators, targets and tasks, as the viewer may see them.

Matching is chitieu.web.search (no diacritics, no case, abbreviations both ways), done in
Python over the rows' names rather than in SQL: SQLite and PostgreSQL fold differently
(neither strips Vietnamese marks without an extension, and "Đ" is no accented "D" to
either), so folding in the database would need a stored key on four tables of other apps,
kept in step by every save, bulk write and queryset.update(). Folding here keeps one rule,
gives the same answer on both databases, and costs one query per kind whatever the data:
the candidates are a city's catalogue (hundreds of units, indicators, targets, tasks), read
as narrow value rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from chitieu.core.choices import UnitKind
from chitieu.org import access
from chitieu.org.models import Unit
from chitieu.plans.models import Indicator, Target
from chitieu.tasks.models import Task
from chitieu.web.search import Searchable, indicator_searchable, query_forms, score, search_key

#: Results shown per kind; the page says how many more matched.
PER_KIND = 20

#: The kinds in the order the results page shows them, with their Vietnamese headings.
KINDS = (
    ("indicators", "Chỉ tiêu (danh mục)"),
    ("targets", "Chỉ tiêu của nghị quyết"),
    ("tasks", "Nhiệm vụ"),
    ("units", "Đơn vị"),
)


@dataclass(frozen=True)
class Hit:
    """One found record: what to show, where it leads, how well it matched."""

    title: str
    url: str
    detail: str = ""
    draft: bool = False
    score: int = 0
    order: int = 0  # among equal scores: a target's place in its resolution, else 0


@dataclass
class Found:
    """The answer to one query: hits per kind (best first, at most PER_KIND) and counts."""

    query: str
    groups: list[tuple[str, str, list[Hit], int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(n for _, _, _, n in self.groups)


def _best(hits: list[Hit]) -> tuple[list[Hit], int]:
    hits.sort(key=lambda h: (-h.score, h.order, h.title))
    return hits[:PER_KIND], len(hits)


def _units(forms) -> list[Hit]:
    hits = []
    rows = Unit.objects.values_list("code", "name", "short_name", "kind", "active")
    for code, name, short, kind, active in rows:
        s = score(forms, Searchable(search_key(name, short), search_key(code)))
        if s:
            detail = UnitKind(kind).label if kind in UnitKind._value2member_map_ else ""
            if not active:
                detail += " · ngừng hoạt động"
            hits.append(Hit(name, reverse("web:unit", args=[code]), detail, score=s))
    return hits


def _indicators(forms) -> list[Hit]:
    hits = []
    for code, name, short, aliases, unit in Indicator.objects.values_list(
        "code", "name", "short_name", "aliases", "unit"
    ):
        s = score(forms, indicator_searchable(name, short, aliases, code))
        if s:
            hits.append(Hit(name, reverse("web:indicator", args=[code]), f"Đơn vị tính: {unit}", score=s))
    return hits


def _targets(forms, *, drafts: bool) -> list[Hit]:
    qs = Target.objects.all() if drafts else Target.objects.filter(confirmed=True)
    hits = []
    for pk, number, order, clause, confirmed, ind_code, ind_name, ind_short, ind_aliases, res_code, res_number, res_title in (
        qs.values_list(
            "pk", "number", "order", "clause", "confirmed", "indicator__code", "indicator__name",
            "indicator__short_name", "indicator__aliases", "resolution__code", "resolution__number",
            "resolution__title",
        )
    ):
        s = score(forms, Searchable(search_key(ind_name, ind_short), search_key(ind_aliases, clause)))
        if not s:
            continue
        if confirmed:
            url = reverse("web:indicator", args=[ind_code]) + f"?resolution={res_code}"
        else:  # only the office sees drafts, and completes them on the set-up page
            url = reverse("web:setup-target", args=[pk])
        where = f"{res_number} {res_title}".strip()
        hits.append(Hit(f"({number}) {ind_name}", url, where, draft=not confirmed, score=s, order=order))
    return hits


def _tasks(forms, *, drafts: bool) -> list[Hit]:
    qs = Task.objects.all() if drafts else Task.objects.filter(confirmed=True)
    hits = []
    for code, title, clause, confirmed, lead in qs.values_list(
        "code", "title", "clause", "confirmed", "lead_unit__name"
    ):
        s = score(forms, Searchable(search_key(title), search_key(clause, code)))
        if not s:
            continue
        url = reverse("web:task" if confirmed else "web:setup-task", args=[code])
        hits.append(Hit(title, url, f"Chủ trì: {lead}" if lead else "", draft=not confirmed, score=s))
    return hits


def find(user: Any, query: str) -> Found:
    """Return what `query` finds for `user`, in one query per kind whatever the data; the
    kinds in the order of their best hit.

    Nothing for a user who may read nothing. Draft targets and tasks (read from a document,
    not yet confirmed) are found by the office only, the ones who complete them. No figure is
    shown, so no unit's unapproved figures can be.
    """
    found = Found(query=query)
    forms = query_forms(query)
    if not forms or not access.can_read(user):
        return found
    drafts = access.can_manage(user)
    by_kind = {
        "indicators": _indicators(forms),
        "targets": _targets(forms, drafts=drafts),
        "tasks": _tasks(forms, drafts=drafts),
        "units": _units(forms),
    }
    for kind, heading in KINDS:
        hits, n = _best(by_kind[kind])
        found.groups.append((kind, heading, hits, n))
    # The kind with the best match first ("an bien" is a ward's name before it is two words
    # of a task's title); KINDS' order among equals.
    found.groups.sort(key=lambda g: -(g[2][0].score if g[2] else 0))
    return found
