"""Indicator pages: the catalogue, and one indicator's series, targets and unit breakdown."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from chitieu.core.choices import Category
from chitieu.org import access
from chitieu.plans.models import Indicator
from chitieu.web import series
from chitieu.web.review import evaluate_targets_of
from chitieu.web.views.common import parse_date, require_reader, template_for


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The catalogue of indicators, filtered by category and a name search (HTMX swaps the table)."""
    require_reader(request)
    qs = Indicator.objects.annotate(n_targets=Count("targets")).order_by("category", "name")
    category = request.GET.get("linh_vuc") or ""
    if category in {c.value for c in Category}:
        qs = qs.filter(category=category)
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(name__icontains=q)
    return render(request, template_for(request, "web/indicators.html", "web/_indicator_rows.html"), {
        "indicators": qs, "categories": list(Category), "category": category, "q": q,
    })


@login_required
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One indicator: the city's series by stage with the target line and forecast, each target
    with its resolution clause and evaluation at ?as_of, and every unit's figure for a period."""
    require_reader(request)
    indicator = get_object_or_404(Indicator, code=code)
    as_of = parse_date(request.GET.get("as_of"), timezone.localdate())
    figures = access.observations_visible_to(request.user, series.figures_for(indicator))
    city = series.city_unit()
    s = series.series_of(figures, city, request.GET.get("kieu")) if city else series.Series(None, [])
    targets = list(
        indicator.targets.filter(confirmed=True)
        .select_related("resolution", "lead_unit", "leader", "indicator")
        .order_by("-period_end", "order")
    )
    evaluations = evaluate_targets_of(targets, as_of=as_of)
    evaluated = [(t, evaluations.get(t.pk)) for t in targets]
    latest = evaluated[0] if evaluated else None
    target_value = latest[0].value if latest else None
    forecast = getattr(getattr(latest[1], "forecast", None), "value", None) if latest else None
    period, units = series.breakdown(figures, request.GET.get("ky"), city)
    return render(request, "web/indicator.html", {
        "indicator": indicator,
        "city": city,
        "series": s,
        "chart": s.chart_data(indicator.unit, target_value, forecast),
        "targets": evaluated,
        "period": period,
        "units": units,
        "as_of": as_of,
        "has_simulated": s.simulated or any(o.source == series.SIMULATED_SOURCE for o in units),
    })
