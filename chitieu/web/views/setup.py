"""Set-up pages for the office: resolutions, their targets, tasks and the indicator catalogue
(terms, people, units and API tokens: chitieu.web.views.setup_org). Each page parses the form, calls the one service (chitieu.setup.plans,
chitieu.setup.tasks, chitieu.org.tokens) and renders; a refused value comes back next to its
field (422). Only the office may open them: everyone else meets the Vietnamese 403 page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from chitieu.errors import Invalid
from chitieu.org import access
from chitieu.plans.models import Indicator, Resolution, Target
from chitieu.setup.plans import (
    SETUP_DENIED,
    IndicatorForm,
    ResolutionForm,
    ScenarioForm,
    SetupForm,
    TargetForm,
    save_indicator,
    save_resolution,
    save_scenario,
    save_target,
)
from chitieu.setup.tasks import TaskForm, save_task
from chitieu.tasks.models import Task
from chitieu.web.review import target_text
from chitieu.web.views.common import require


def require_office(request: HttpRequest) -> None:
    """Raise Forbidden (the Vietnamese 403 page) unless the user is the office."""
    require(access.can_manage(request.user), SETUP_DENIED)


def _fields(form: SetupForm, errors: Mapping[str, str]) -> tuple[list, list[str]]:
    """Return [(bound field, its error or None)] and the errors that belong to no field."""
    fields = [(form[name], errors.get(name)) for name in form.fields]
    general = [message for key, message in errors.items() if key not in form.fields]
    return fields, general


def form_page(
    request: HttpRequest,
    form_class: type[SetupForm],
    save: Callable[..., Any],
    *,
    instance: Any,
    template: str,
    context: dict[str, Any],
    done: Callable[[Any], HttpResponse],
    initial: dict[str, Any] | None = None,
    fixed: dict[str, str] | None = None,
    saved_message: str,
) -> HttpResponse:
    """GET: the form (filled from `instance` or `initial`). POST: save through `save` and go to
    `done(record)`; on Invalid the same form again with each message next to its field.
    `fixed` values (the resolution a target belongs to) override what was posted."""
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        data = request.POST.copy()
        for key, value in (fixed or {}).items():
            data[key] = value
        try:
            record = save(data, by=request.user, instance=instance)
        except Invalid as exc:
            errors, status = exc.errors, 422
            if instance is not None and instance.pk:
                instance = type(instance).objects.get(pk=instance.pk)  # the form changed it in memory
            form = form_class(data=data, instance=instance)
        else:
            messages.success(request, saved_message)
            return done(record)
    else:
        form = form_class(instance=instance, initial=initial)
    fields, general = _fields(form, errors)
    name, args = context.get("back", ("web:setup", []))
    return render(request, template, {
        "hide": set(), **context, "back_url": reverse(name, args=args), "form": form, "fields": fields,
        "general_errors": general, "errors": errors,
    }, status=status)


# ---- resolutions --------------------------------------------------------------------------

@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Every resolution with its counts of targets and draft targets, and the set-up links."""
    require_office(request)
    resolutions = Resolution.objects.select_related("issuer", "term").annotate(
        n_targets=Count("targets", distinct=True),
        n_drafts=Count("targets", filter=Q(targets__confirmed=False), distinct=True),
        n_tasks=Count("tasks", distinct=True),
    )
    return render(request, "web/setup/home.html", {"resolutions": resolutions})


@login_required
def resolution_new(request: HttpRequest) -> HttpResponse:
    require_office(request)
    return form_page(
        request, ResolutionForm, save_resolution, instance=None, template="web/setup/form.html",
        context={"heading": "Nghị quyết mới", "back": ("web:setup", [])},
        done=lambda r: redirect("web:setup-resolution", code=r.code),
        saved_message="Đã tạo nghị quyết. Thêm các chỉ tiêu, nhiệm vụ của nghị quyết ở dưới.",
    )


def _targets_of(resolution: Resolution):
    return (resolution.targets.select_related("indicator", "lead_unit", "leader")
            .prefetch_related("supporting_units").order_by("order", "id"))


@login_required
def resolution_page(request: HttpRequest, code: str) -> HttpResponse:
    """One resolution: its own form, its targets (drafts marked) and its tasks."""
    require_office(request)
    resolution = get_object_or_404(Resolution.objects.select_related("issuer", "term"), code=code)
    shown = Resolution.objects.select_related("issuer", "term").get(pk=resolution.pk)
    return form_page(
        request, ResolutionForm, save_resolution, instance=resolution, template="web/setup/resolution.html",
        context={
            "resolution": shown,
            "targets": [(t, target_text(t)) for t in _targets_of(shown)],
            "tasks": shown.tasks.select_related("lead_unit", "leader").order_by("deadline", "code"),
        },
        done=lambda r: redirect("web:setup-resolution", code=r.code),
        saved_message="Đã lưu nghị quyết.",
    )


# ---- targets ------------------------------------------------------------------------------

def _target_context(resolution: Resolution, heading: str) -> dict[str, Any]:
    return {"heading": heading, "resolution": resolution, "hide": {"resolution"},
            "back": ("web:setup-resolution", [resolution.code])}


@login_required
def target_new(request: HttpRequest, code: str) -> HttpResponse:
    require_office(request)
    resolution = get_object_or_404(Resolution, code=code)
    return form_page(
        request, TargetForm, save_target, instance=None, template="web/setup/form.html",
        context=_target_context(resolution, f"Chỉ tiêu mới của «{resolution}»"),
        initial={"resolution": resolution.code, "period": resolution.period, "confirmed": True},
        fixed={"resolution": resolution.code},
        done=lambda t: redirect("web:setup-resolution", code=resolution.code),
        saved_message="Đã thêm chỉ tiêu.",
    )


@login_required
def target_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_office(request)
    target = get_object_or_404(Target.objects.select_related("resolution", "indicator"), pk=pk)
    resolution = target.resolution
    return form_page(
        request, TargetForm, save_target, instance=target, template="web/setup/form.html",
        context={**_target_context(resolution, f"Chỉ tiêu {target.number} của «{resolution}»"),
                 "history": ("target", target.pk)},
        fixed={"resolution": resolution.code},
        done=lambda t: redirect("web:setup-resolution", code=resolution.code),
        saved_message=f"Đã lưu chỉ tiêu {target.number}.",
    )


@login_required
def target_scenarios(request: HttpRequest, pk: int) -> HttpResponse:
    """A target's scenarios by month or quarter ("kịch bản") and the form adding one: the
    figure so far is measured against the scenario that ends with it (core.scenarios)."""
    require_office(request)
    target = get_object_or_404(Target.objects.select_related("resolution", "indicator"), pk=pk)
    return form_page(
        request, ScenarioForm, save_scenario, instance=None, template="web/setup/scenarios.html",
        context={"heading": f"Kịch bản của chỉ tiêu {target.number} «{target.indicator.name}»", "target": target,
                 "resolution": target.resolution, "hide": {"target"}, "scenarios": target.scenarios.all(),
                 "back": ("web:setup-resolution", [target.resolution.code])},
        initial={"target": target.pk}, fixed={"target": str(target.pk)},
        done=lambda s: redirect("web:setup-target-scenarios", pk=target.pk),
        saved_message="Đã thêm kịch bản.",
    )


# ---- tasks --------------------------------------------------------------------------------

def _task_home(task: Task) -> tuple[str, list[str]]:
    """Where a task's form leads back to: its resolution's set-up page, else the task."""
    resolution = task.resolution
    return ("web:setup-resolution", [resolution.code]) if resolution is not None else ("web:task", [task.code])


def _after_task(task: Task) -> HttpResponse:
    name, args = _task_home(task)
    return redirect(name, *args)


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    require_office(request)
    resolution = Resolution.objects.filter(code=request.GET.get("nghi_quyet") or "").first()
    back = ("web:setup-resolution", [resolution.code]) if resolution else ("web:setup", [])
    return form_page(
        request, TaskForm, save_task, instance=None, template="web/setup/form.html",
        context={"heading": "Nhiệm vụ mới", "back": back},
        initial={"resolution": resolution.code if resolution else None, "confirmed": True},
        done=_after_task,
        saved_message="Đã tạo nhiệm vụ.",
    )


@login_required
def task_page(request: HttpRequest, code: str) -> HttpResponse:
    require_office(request)
    task = get_object_or_404(Task.objects.select_related("resolution"), code=code)
    back = _task_home(task)
    return form_page(
        request, TaskForm, save_task, instance=task, template="web/setup/form.html",
        context={"heading": f"Nhiệm vụ «{task.title}»", "back": back, "history": ("task", task.pk)},
        done=_after_task,
        saved_message="Đã lưu nhiệm vụ.",
    )


# ---- the indicator catalogue ----------------------------------------------------------------

@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    require_office(request)
    return render(request, "web/setup/indicators.html", {
        "indicators": Indicator.objects.annotate(n_targets=Count("targets")).order_by("category", "name"),
    })


@login_required
def indicator_new(request: HttpRequest) -> HttpResponse:
    require_office(request)
    return form_page(
        request, IndicatorForm, save_indicator, instance=None, template="web/setup/form.html",
        context={"heading": "Chỉ tiêu mới trong danh mục", "back": ("web:setup-indicators", [])},
        done=lambda i: redirect("web:setup-indicators"),
        saved_message="Đã thêm chỉ tiêu vào danh mục.",
    )


@login_required
def indicator_page(request: HttpRequest, code: str) -> HttpResponse:
    require_office(request)
    indicator = get_object_or_404(Indicator, code=code)
    return form_page(
        request, IndicatorForm, save_indicator, instance=indicator, template="web/setup/form.html",
        context={"heading": f"Chỉ tiêu «{indicator.name}»", "back": ("web:setup-indicators", []),
                 "history": ("indicator", indicator.pk)},
        done=lambda i: redirect("web:setup-indicators"),
        saved_message="Đã lưu chỉ tiêu trong danh mục.",
    )
