"""A weak target's follow-up page: the lead unit (or the office) says why the target is at
risk and what it will do, by when; everyone who reads the dashboard sees the answers.

Parses and renders only: the rules are chitieu.tasks.follow_ups.explain.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from chitieu.errors import Forbidden, Invalid
from chitieu.plans.models import Target
from chitieu.tasks.follow_ups import explain, may_explain
from chitieu.web.review import evaluate_targets_of, target_text
from chitieu.web.views.common import default_as_of, require_reader


@login_required
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the target's standing today and its follow-ups, newest first; POST (its lead
    unit or the office): a new follow-up."""
    require_reader(request)
    target = get_object_or_404(Target.objects.select_related("resolution", "indicator", "lead_unit"),
                               pk=pk, confirmed=True)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if not may_explain(request.user, target):
            lead = target.lead_unit.display_name if target.lead_unit else "đơn vị chủ trì"
            raise Forbidden(f"Chỉ {lead} hoặc Văn phòng được giải trình chỉ tiêu ({target.number}).")
        try:
            explain(target, user=request.user, cause=request.POST.get("cause", ""),
                    action=request.POST.get("action", ""), due=request.POST.get("due", ""), today=today)
            messages.success(request, f"Đã lưu giải trình chỉ tiêu ({target.number}).")
            return redirect("web:follow-up", pk=pk)
        except Invalid as exc:
            errors = exc.errors or {"cause": exc.message}
            status = 422
    as_of = default_as_of(target.resolution)
    evaluation = evaluate_targets_of([target], as_of=as_of).get(target.pk)
    return render(request, "web/follow_up.html", {
        "target": target, "target_words": target_text(target), "evaluation": evaluation,
        "follow_ups": target.follow_ups.select_related("written_by").order_by("-written_at", "-id"),
        "can_explain": may_explain(request.user, target), "errors": errors,
        "posted": request.POST if request.method == "POST" else {}, "as_of": as_of,
    }, status=status)
