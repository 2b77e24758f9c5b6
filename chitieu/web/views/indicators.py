"""Indicator pages: the catalogue, and one indicator's series, targets and unit breakdown."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from chitieu.core.choices import Category
from chitieu.org import access
from chitieu.plans.models import Indicator, Resolution
from chitieu.web import series
from chitieu.web.review import evaluate_targets_of
from chitieu.web.search import indicator_searchable, query_forms, score
from chitieu.web.views.common import default_as_of, parse_date, require_reader, template_for


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The catalogue of indicators, filtered by category and a name search (HTMX swaps the
    table); the name search matches as the search page does (chitieu.web.search)."""
    require_reader(request)
    qs = Indicator.objects.annotate(n_targets=Count("targets")).order_by("category", "name")
    category = request.GET.get("linh_vuc") or ""
    if category in {c.value for c in Category}:
        qs = qs.filter(category=category)
    q = (request.GET.get("q") or "").strip()[:200]
    indicators = list(qs)
    if q:  # the search page's matching: no marks, no case, abbreviations both ways
        forms = query_forms(q)
        indicators = [i for i in indicators
                      if score(forms, indicator_searchable(i.name, i.short_name, i.aliases, i.code))]
    return render(request, template_for(request, "web/indicators.html", "web/_indicator_rows.html"), {
        "indicators": indicators, "categories": list(Category), "category": category, "q": q,
    })


def _target_in_question(evaluated: list, resolution: Resolution | None):
    """The (target, evaluation) the chart is drawn against: the resolution's target of this
    indicator when a resolution is given, else the one ending last; None when there is none."""
    if resolution is not None:
        found = next(((t, ev) for t, ev in evaluated if t.resolution_id == resolution.pk), None)
        if found is not None:
            return found
    return evaluated[0] if evaluated else None


@login_required
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator: the city's series as the review reads it (its own figures or its
    communes combined) with the target line and the forecast at the target's end, each target
    with its resolution clause and evaluation at ?as_of, and every unit's best figure for the
    period in question (?ky, else the latest ended by as_of inside the target's period).

    ?resolution=CODE (as the dashboard links) picks the target and defaults as_of as the
    dashboard does; ?kieu picks the period kind of the chart (without it, year by year for a rate
    judged over a year or a term: series.preferred_kind).
    """
    require_reader(request)
    indicator = get_object_or_404(Indicator, code=code)
    resolution = Resolution.objects.filter(code=request.GET.get("resolution") or "").first()
    default = default_as_of(resolution) if resolution else timezone.localdate()
    as_of = parse_date(request.GET.get("as_of"), default)
    city = series.city_unit()
    targets = list(
        indicator.targets.filter(confirmed=True)
        .select_related("resolution", "lead_unit", "leader", "indicator")
        .order_by("-period_end", "order")
    )
    # One fetch of the city's figures draws the chart and evaluates the targets.
    figures_of_city = series.city_figures(indicator, targets, as_of=as_of)
    evaluations = evaluate_targets_of(targets, as_of=as_of, figures=figures_of_city)
    evaluated = [(t, evaluations.get(t.pk)) for t in targets]
    chosen = _target_in_question(evaluated, resolution)
    target = chosen[0] if chosen else None
    forecast = getattr(getattr(chosen[1], "forecast", None), "value", None) if chosen else None
    points = series.city_points(indicator, figures_of_city, as_of=as_of, city=city)
    s = series.series_of(points, request.GET.get("kieu") or series.preferred_kind(indicator, target, points),
                         indicator.aggregation)
    figures = access.observations_visible_to(request.user, series.figures_for(indicator))
    within = series.target_period(target)
    period = series.breakdown_period(figures, request.GET.get("ky"), city, as_of=as_of, within=within)
    units = series.breakdown(figures, period, city, indicator.direction, as_of=as_of)
    chart = s.chart_data(indicator.unit, target, forecast)
    need = getattr(chosen[1], "required", None) if chosen else None
    # The pace still required, said on the chart; a rate is drawn on the axis beside the forecast.
    chart["required"] = None if need is None else {
        "value": need.value, "words": need.words, "on_axis": need.unit == indicator.unit == "%",
    }
    so_far = series.within_span(points, s, target)
    return render(request, "web/indicator.html", {
        "indicator": indicator,
        "city": city,
        "series": s,
        "chart": chart,
        "required": need,
        "peers": list(indicator.peers.order_by("-period_end", F("rank").asc(nulls_last=True), "place")),
        "targets": evaluated,
        "target": target,
        "resolution": resolution,
        "period": period,
        "units": units,
        "as_of": as_of,
        "has_simulated": s.simulated or any(o.source == series.SIMULATED_SOURCE for o in units)
        or any(p.simulated for p in so_far),
        # Which figures were read in other boundaries, and how (chitieu.monitoring.boundaries).
        "boundaries": getattr(figures_of_city, "carried", {}).get(indicator.pk, ""),
        # The plan year drawn year by year before its figure: what is known of it so far.
        "so_far": so_far,
    })
