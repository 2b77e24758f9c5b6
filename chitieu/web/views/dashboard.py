"""The dashboard: a resolution's targets evaluated at a date, jumps, and a unit ranking."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from chitieu.plans.models import Indicator, Resolution
from chitieu.web import review
from chitieu.web.views.common import HtmxHttpRequest, default_as_of, parse_date, require_reader

# Undated resolutions last on every database (PostgreSQL would put NULLs first in DESC).
NEWEST_FIRST = (F("issued_on").desc(nulls_last=True), "-id")


def _resolution(request: HttpRequest) -> Resolution | None:
    """The resolution in ?resolution=CODE, else the latest issued one; None when there are none."""
    code = request.GET.get("resolution")
    qs = Resolution.objects.order_by(*NEWEST_FIRST)
    if code:
        found = qs.filter(code=code).first()
        if found is None:
            raise Http404(f"Không có nghị quyết mã «{code}».")
        return found
    return qs.first()


def _ranking_context(request: HttpRequest, resolution: Resolution, as_of, indicators) -> dict:
    chosen = None
    code = request.GET.get("chi_tieu")
    if code:
        chosen = next((i for i in indicators if i.code == code), None)
    if chosen is None and indicators:
        # Default to the first indicator some commune or ward has reported (one query).
        reported = set(review.indicators_with_unit_figures([i.pk for i in indicators], as_of))
        chosen = next((i for i in indicators if i.pk in reported), indicators[0])
    ranking = review.ranking(request.user, chosen, resolution, as_of) if chosen else None
    return {"rank_indicator": chosen, "ranking": ranking, "rank_indicators": indicators}


@login_required
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    """Counts by status and category, the target table (at risk first), jumps, unit ranking.

    ?resolution=CODE&as_of=YYYY-MM-DD; an HTMX request for the ranking gets only that part.
    """
    require_reader(request)
    resolution = _resolution(request)
    if resolution is None:
        return render(request, "web/dashboard_empty.html")
    as_of = parse_date(request.GET.get("as_of"), default_as_of(resolution))
    indicators = list(Indicator.objects.filter(targets__resolution=resolution).distinct().order_by("name"))
    ranking = _ranking_context(request, resolution, as_of, indicators)
    ctx = {"resolution": resolution, "as_of": as_of, **ranking}
    if request.htmx and request.htmx.target == "ranking":
        return render(request, "web/_ranking.html", ctx)
    board = review.dashboard(request.user, resolution, as_of)
    report_kind, report_links = review.report_links(resolution, as_of)
    ctx.update({
        "report_kind": report_kind,
        "report_links": report_links,
        "board": board,
        "jumps": review.jumps(request.user, resolution, as_of),
        "resolutions": Resolution.objects.order_by(*NEWEST_FIRST).only("code", "number", "title"),
        "has_simulated": board.simulated or (ranking["ranking"] and ranking["ranking"].simulated),
    })
    return render(request, "web/dashboard.html", ctx)
