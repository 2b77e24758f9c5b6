"""The unit tree: the city, its Party bodies and departments, its communes, wards and special
zones, each unit with links to what exists for it (its entry grid when the viewer may enter
its figures, its shares of targets, its tasks). /don-vi/CODE/ is the same tree from one unit.

Every unit's links come from a fixed number of queries, whatever the size of the tree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from chitieu.core.choices import UnitKind
from chitieu.org import access
from chitieu.org.codes import code_note
from chitieu.org.history import Lineage, lineages, valid_on
from chitieu.org.models import Unit
from chitieu.plans.models import TargetShare
from chitieu.tasks.models import Task
from chitieu.web.views.common import require_reader

#: How the children of a unit are grouped on the page, in this order ("Đảng" bodies first, as
#: the city's own documents list them); kinds not named here go under "Khác".
SECTIONS = (
    ("Cơ quan Đảng", (UnitKind.PARTY_BODY,)),
    ("Sở, ban, ngành", (UnitKind.DEPARTMENT,)),
    ("Quận, huyện, thị xã", (UnitKind.DISTRICT,)),
    ("Xã, phường, đặc khu", (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE, UnitKind.TOWN)),
    ("Thành phố", (UnitKind.CITY,)),
)
OTHER = "Khác"


@dataclass(frozen=True)
class Share:
    resolution: str
    number: str
    indicator: str


@dataclass
class Node:
    """A unit with what the page links to, and its children grouped by SECTIONS."""

    unit: Unit
    may_enter: bool = False
    shares: list[Share] = field(default_factory=list)
    n_tasks: int = 0
    lineage: Lineage | None = None
    sections: list[tuple[str, list[Node]]] = field(default_factory=list)

    @property
    def code_note(self) -> str:
        """Another code in the statistics office's list than the package's (chitieu.org.codes)."""
        return code_note(self.unit)


def _section_of(kind: str) -> str:
    return next((label for label, kinds in SECTIONS if kind in kinds), OTHER)


def _shares_by_unit(ids: set[int]) -> dict[int, list[Share]]:
    """The confirmed targets' shares of each unit (the shares page opens confirmed ones only)."""
    out: dict[int, list[Share]] = defaultdict(list)
    rows = (TargetShare.objects.filter(target__confirmed=True, unit_id__in=ids)
            .order_by("target__resolution__code", "target__order", "target__id")
            .values_list("unit_id", "target__resolution__code", "target__number", "target__indicator__name"))
    for unit_id, res, number, name in rows:
        out[unit_id].append(Share(res, number, name))
    return out


def _tasks_by_unit(ids: set[int]) -> dict[int, int]:
    """How many confirmed tasks each unit leads or supports (what /nhiem-vu/?don_vi= lists)."""
    tasks: dict[int, set[int]] = defaultdict(set)
    for pk, lead in Task.objects.filter(confirmed=True, lead_unit_id__in=ids).values_list("pk", "lead_unit_id"):
        tasks[lead].add(pk)
    through = Task.supporting_units.through.objects.filter(task__confirmed=True, unit_id__in=ids)
    for pk, unit_id in through.values_list("task_id", "unit_id"):
        tasks[unit_id].add(pk)
    return {unit_id: len(pks) for unit_id, pks in tasks.items()}


def unit_tree(user, root: Unit | None = None, on: date | None = None) -> list[Node]:
    """Return the tree of units below `root` (`root` itself at the top), or the whole forest
    of top-level units when `root` is None, of the units that exist on `on` (every unit when
    None), each with its predecessors and successors; children ordered by kind (SECTIONS),
    then the unit's order, official code and name. In six queries whatever the number of units."""
    qs = root.subtree() if root is not None else Unit.objects.all()
    units = list(qs.filter(valid_on(on)) if on is not None else qs)
    ids = {u.pk for u in units}
    enter = set(access.entry_units(user).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    shares = _shares_by_unit(ids)
    tasks = _tasks_by_unit(ids)
    lines = lineages(units)
    nodes = {u.pk: Node(u, u.pk in enter, shares.get(u.pk, []), tasks.get(u.pk, 0), lines.get(u.pk))
             for u in units}
    children: dict[int, list[Node]] = defaultdict(list)
    tops = []
    for u in units:
        node = nodes[u.pk]
        if u.parent_id in nodes and u.pk != getattr(root, "pk", None):
            children[u.parent_id].append(node)
        else:
            tops.append(node)
    order = [label for label, _ in SECTIONS] + [OTHER]
    for pk, kids in children.items():
        kids.sort(key=lambda n: (n.unit.order, n.unit.admin_code is None, n.unit.admin_code or 0, n.unit.name))
        grouped: dict[str, list[Node]] = defaultdict(list)
        for kid in kids:
            grouped[_section_of(kid.unit.kind)].append(kid)
        nodes[pk].sections = [(label, grouped[label]) for label in order if grouped.get(label)]
    return tops


def _ancestors(unit: Unit) -> list[Unit]:
    ids = [int(p) for p in unit.path.strip("/").split("/") if p][:-1]
    found = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def _day(request: HttpRequest) -> date:
    """The day whose units the page shows: ?ngay=YYYY-MM-DD, else today (a bad date: today)."""
    try:
        return date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        return timezone.localdate()


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The units that exist on the day asked (today by default), as a tree."""
    require_reader(request)
    day = _day(request)
    return render(request, "web/units.html", {"tops": unit_tree(request.user, on=day), "unit": None,
                                              "ancestors": [], "day": day})


@login_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    """One unit and the units below it, with the path up to the top."""
    require_reader(request)
    unit = get_object_or_404(Unit, code=code)
    # An ended unit's page shows it as it was on its last day.
    day = unit.valid_to if unit.valid_to is not None and "ngay" not in request.GET else _day(request)
    return render(request, "web/units.html", {
        "tops": unit_tree(request.user, unit, on=day), "unit": unit, "ancestors": _ancestors(unit), "day": day,
    })


__all__ = ["tree", "unit_page", "unit_tree"]
