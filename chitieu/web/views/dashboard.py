"""The dashboard: a resolution's targets evaluated at a date, jumps, and a unit ranking."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chitieu.errors import NotFound
from chitieu.monitoring.review import evaluate_resolution, indicators_with_unit_figures
from chitieu.org import access
from chitieu.org.services import LOCAL_KINDS
from chitieu.plans.models import Indicator, Resolution, settled_resolutions
from chitieu.web import review
from chitieu.web.views.common import HtmxHttpRequest, default_as_of, parse_date, require_reader

# Undated resolutions last on every database (PostgreSQL would put NULLs first in DESC).
NEWEST_FIRST = (F("issued_on").desc(nulls_last=True), "-id")


def _resolution(request: HttpRequest) -> Resolution | None:
    """The resolution in ?resolution=CODE, else the latest issued one that is not a draft
    (`plans.models.settled_resolutions`: one with a confirmed target; drafts read from a
    document are nobody's default), the city's before a commune's own; None when there are
    none."""
    code = request.GET.get("resolution")
    qs = Resolution.objects.order_by(*NEWEST_FIRST)
    if code:
        found = qs.filter(code=code).first()
        if found is None:
            raise NotFound(f"Không có nghị quyết mã «{code}».")
        return found
    settled = settled_resolutions(qs)
    # The city's resolutions before a commune's own (a commune's is opened by its code).
    return settled.exclude(issuer__kind__in=LOCAL_KINDS).first() or settled.first()


def _ranking_context(request: HttpRequest, resolution: Resolution, as_of, indicators, review_result=None) -> dict:
    """The ranking panel: the indicator in ?chi_tieu (ranked over its target's period), else
    the one the review ranked (the first, by name, that some commune or ward reported)."""
    code = request.GET.get("chi_tieu")
    chosen = next((i for i in indicators if i.code == code), None) if code else None
    if chosen is None and review_result is not None and review_result.ranking is not None:
        chosen = next((i for i in indicators if i.pk == review_result.ranking.indicator.pk), None)
    if chosen is None and review_result is None and indicators:
        reported = set(indicators_with_unit_figures([i.pk for i in indicators], as_of))
        chosen = next((i for i in indicators if i.pk in reported), None)
    if chosen is None and indicators:
        chosen = indicators[0]
    ranking = review.ranking(request.user, chosen, resolution, as_of, review_result) if chosen else None
    return {"rank_indicator": chosen, "ranking": ranking, "rank_indicators": indicators}


@login_required
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    """Counts by status and category, the target table (at risk first), jumps, unit ranking:
    one review (monitoring.review.evaluate_resolution) formatted.

    ?resolution=CODE&as_of=YYYY-MM-DD; an HTMX request for the ranking gets only that part.
    """
    require_reader(request)
    resolution = _resolution(request)
    if resolution is None:
        return render(request, "web/dashboard_empty.html")
    as_of = parse_date(request.GET.get("as_of"), default_as_of(resolution))
    indicators = list(Indicator.objects.filter(targets__resolution=resolution).distinct().order_by("name", "pk"))
    ctx = {"resolution": resolution, "as_of": as_of}
    if request.htmx and request.htmx.target == "ranking":
        ctx.update(_ranking_context(request, resolution, as_of, indicators))
        return render(request, "web/_ranking.html", ctx)
    result = evaluate_resolution(resolution, as_of=as_of)
    ranking = _ranking_context(request, resolution, as_of, indicators, result)
    board = review.board_of(result)
    report_kind, report_links = review.report_links(resolution, as_of)
    ctx.update({
        **ranking,
        "report_kind": report_kind,
        "report_links": report_links,
        "board": board,
        "can_give_shares": access.can_manage(request.user),
        "jumps": result.jumps,
        # How figures read across the 2025 reorganisation were compared (review.boundaries).
        "boundaries": [(i.name, result.boundaries[i.code]) for i in indicators if i.code in result.boundaries],
        "resolutions": Resolution.objects.order_by(*NEWEST_FIRST).only("code", "number", "title"),
        "has_simulated": board.simulated or (ranking["ranking"] and ranking["ranking"].simulated)
        or any(j.simulated for j in result.jumps),
    })
    return render(request, "web/dashboard.html", ctx)
