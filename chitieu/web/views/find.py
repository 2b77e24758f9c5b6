"""The search page: one box over indicators, targets, tasks and units (chitieu.web.finding),
answered as a full page or, for the HTMX swap as one types, as the results partial."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chitieu.web.finding import find
from chitieu.web.views.common import require_reader, template_for

#: A longer query is cut: nobody types a paragraph to find a name.
MAX_QUERY = 200


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """?q=...: what the viewer may see that matches, by kind, best first."""
    require_reader(request)
    q = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    return render(request, template_for(request, "web/find.html", "web/_find_results.html"), {
        "q": q, "found": find(request.user, q),
    })
