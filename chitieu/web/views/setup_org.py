"""Set-up pages for the office's organisation records: terms, the people in charge, the units
added by hand, and API tokens. Same pattern as chitieu.web.views.setup: parse, call the one
service, render; refusals next to their field; the office only."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chitieu.core.periods import PeriodError, parse_day
from chitieu.errors import DomainError
from chitieu.org import tokens
from chitieu.org.models import Person, Unit
from chitieu.plans.models import Term
from chitieu.setup.people import PersonForm, save_person
from chitieu.setup.plans import TermForm, save_term
from chitieu.setup.units import NATIONAL_LIST, UnitForm, is_national, save_unit
from chitieu.web.views.setup import form_page, require_office

# ---- terms and people ----------------------------------------------------------------------

@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    """The terms and the people in charge, each with a link to its form."""
    require_office(request)
    return render(request, "web/setup/people.html", {
        "terms": Term.objects.all(),
        "people": Person.objects.select_related("unit").prefetch_related("responsible_units"),
    })


@login_required
def term_new(request: HttpRequest) -> HttpResponse:
    require_office(request)
    return form_page(
        request, TermForm, save_term, instance=None, template="web/setup/form.html",
        context={"heading": "Nhiệm kỳ mới", "back": ("web:setup-people", [])},
        done=lambda t: redirect("web:setup-people"), saved_message="Đã thêm nhiệm kỳ.",
    )


@login_required
def term_page(request: HttpRequest, code: str) -> HttpResponse:
    require_office(request)
    term = get_object_or_404(Term, code=code)
    return form_page(
        request, TermForm, save_term, instance=term, template="web/setup/form.html",
        context={"heading": f"Nhiệm kỳ «{term.name}»", "back": ("web:setup-people", []), "history": ("term", term.pk)},
        done=lambda t: redirect("web:setup-people"), saved_message="Đã lưu nhiệm kỳ.",
    )


@login_required
def person_new(request: HttpRequest) -> HttpResponse:
    require_office(request)
    return form_page(
        request, PersonForm, save_person, instance=None, template="web/setup/form.html",
        context={"heading": "Cán bộ phụ trách mới", "back": ("web:setup-people", [])},
        done=lambda p: redirect("web:setup-people"), saved_message="Đã thêm cán bộ.",
    )


@login_required
def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_office(request)
    person = get_object_or_404(Person, pk=pk)
    return form_page(
        request, PersonForm, save_person, instance=person, template="web/setup/form.html",
        context={"heading": f"Cán bộ «{person.full_name}»", "back": ("web:setup-people", []),
                 "history": ("person", person.pk)},
        done=lambda p: redirect("web:setup-people"), saved_message="Đã lưu cán bộ.",
    )


# ---- units --------------------------------------------------------------------------------

@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """The unit tree, indented by level; hand-made units link to their form."""
    require_office(request)
    units = [(u, u.path.count("/") - 2) for u in Unit.objects.all()]
    return render(request, "web/setup/units.html", {"units": units})


@login_required
def unit_new(request: HttpRequest) -> HttpResponse:
    require_office(request)
    return form_page(
        request, UnitForm, save_unit, instance=None, template="web/setup/form.html",
        context={"heading": "Đơn vị mới (cơ quan Đảng, sở, ngành)", "back": ("web:setup-units", [])},
        done=lambda u: redirect("web:setup-units"), saved_message="Đã thêm đơn vị.",
    )


@login_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    require_office(request)
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    context: dict[str, Any] = {"heading": f"Đơn vị «{unit.name}»", "back": ("web:setup-units", []), "history": ("unit", unit.pk)}
    if is_national(unit) and request.method != "POST":
        return render(request, "web/setup/form.html", {
            **context, "back_url": reverse("web:setup-units"), "readonly": NATIONAL_LIST.format(name=unit.name),
        })
    return form_page(
        request, UnitForm, save_unit, instance=unit, template="web/setup/form.html", context=context,
        done=lambda u: redirect("web:setup-units"), saved_message="Đã lưu đơn vị.",
    )


# ---- API tokens ---------------------------------------------------------------------------

def _tokens_page(request: HttpRequest, *, errors=None, posted=None, raw: str = "", status: int = 200) -> HttpResponse:
    now = timezone.now()
    listed = [(t, t.usable_at(now)) for t in tokens.tokens_of()]
    users = get_user_model().objects.filter(is_active=True).order_by("username").only("username")
    return render(request, "web/setup/tokens.html", {
        "tokens": listed, "users": users, "errors": errors or {}, "posted": posted or {}, "raw": raw,
    }, status=status)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The API tokens (never shown again) and a form to issue one; POST issues it and shows
    the token this once."""
    require_office(request)
    if request.method != "POST":
        return _tokens_page(request)
    posted = request.POST
    username = (posted.get("user") or request.user.get_username()).strip()
    try:
        raw_day = (posted.get("expires_on") or "").strip()
        expires_on = parse_day(raw_day, field="ngày hết hạn") if raw_day else None
    except PeriodError as exc:
        return _tokens_page(request, errors={"expires_on": str(exc)}, posted=posted, status=422)
    expires_at = (timezone.make_aware(datetime.combine(expires_on, time.max)) if expires_on else None)
    try:
        token, raw = tokens.create_token(username, posted.get("name", ""), now=timezone.now(), expires_at=expires_at)
    except DomainError as exc:
        return _tokens_page(request, errors=exc.errors or {"name": exc.message}, posted=posted, status=422)
    messages.success(request, f"Đã tạo mã #{token.pk} «{token.name}» cho {username}. Mã chỉ hiện một lần dưới đây.")
    return _tokens_page(request, raw=raw)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    require_office(request)
    token = tokens.revoke_token(pk)
    messages.success(request, f"Đã thu hồi mã #{token.pk} «{token.name}».")
    return redirect("web:setup-tokens")
