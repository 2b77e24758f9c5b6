"""Who may see and change what: one predicate per question, shared by pages, API and CLI.

Roles (`chitieu.core.choices.Role`):

- office_admin (Văn phòng): everything, including managing accounts and correcting locked figures.
- leader: reads everything, sees every unit's drafts, approves or rejects submitted figures.
- reporter: reads approved figures and dashboards of every unit; enters, sees and submits the
  figures and task updates of their own unit and its sub-units only.
- viewer: reads approved figures and dashboards; writes nothing.

Superusers count as office admins even without an Account. A signed-in user without an
Account, and an anonymous user, may see nothing. Rights of a reporter cover the subtree of
their unit (`Unit.path`), so a city-level reporter covers the whole tree below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from chitieu.core.choices import EntryState, Role
from chitieu.errors import Forbidden
from chitieu.org.models import Account, Unit

if TYPE_CHECKING:
    from chitieu.monitoring.models import Observation
    from chitieu.tasks.models import Task

_CACHE_ATTR = "_chitieu_account"

#: States of a figure that only its own unit (and approvers) may see.
UNAPPROVED_STATES = (EntryState.DRAFT, EntryState.SUBMITTED, EntryState.REJECTED)


def account_of(user: Any) -> Account | None:
    """Return the user's Account (with its unit loaded), or None for anonymous users and
    users without one. The answer is cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, _CACHE_ATTR):
        account = Account.objects.select_related("unit").filter(user_id=user.pk).first()
        setattr(user, _CACHE_ATTR, account)
    return getattr(user, _CACHE_ATTR)


def role_of(user: Any) -> Role | None:
    """Return the user's role; superusers are office admins; None without an account."""
    if user is not None and getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser:
        return Role.OFFICE_ADMIN
    account = account_of(user)
    return Role(account.role) if account else None


def can_manage(user: Any) -> bool:
    """True for office admins (and superusers): accounts, tokens, catalogue, corrections."""
    return role_of(user) == Role.OFFICE_ADMIN


def can_read(user: Any) -> bool:
    """True when the user may read anything at all (dashboards, approved figures)."""
    return role_of(user) is not None


def _home_unit(user: Any) -> Unit | None:
    account = account_of(user)
    return account.unit if account else None


def visible_units(user: Any) -> QuerySet[Unit]:
    """Return the units whose approved figures and dashboards the user may read:
    every unit for anyone with a role, none for outsiders."""
    return Unit.objects.all() if can_read(user) else Unit.objects.none()


def can_view_unit(user: Any, unit: Unit) -> bool:
    """True when the user may read the unit's approved figures (any role holder)."""
    return can_read(user)


def entry_units(user: Any) -> QuerySet[Unit]:
    """Return the units whose figures and task updates the user may enter:
    all for office admins, the unit's subtree for reporters, none for others."""
    role = role_of(user)
    if role == Role.OFFICE_ADMIN:
        return Unit.objects.all()
    home = _home_unit(user)
    if role == Role.REPORTER and home is not None:
        return home.subtree()
    return Unit.objects.none()


def draft_units(user: Any) -> QuerySet[Unit]:
    """Return the units whose unapproved figures (draft, submitted, rejected) the user may see:
    all for office admins and leaders, the unit's subtree for reporters, none for viewers."""
    role = role_of(user)
    if role in (Role.OFFICE_ADMIN, Role.LEADER):
        return Unit.objects.all()
    home = _home_unit(user)
    if role == Role.REPORTER and home is not None:
        return home.subtree()
    return Unit.objects.none()


def _within_home(user: Any, unit: Unit | None) -> bool:
    home = _home_unit(user)
    return unit is not None and home is not None and unit.is_within(home)


def can_enter_any(user: Any) -> bool:
    """True when the user may enter figures for some unit (office admins, reporters)."""
    return role_of(user) in (Role.OFFICE_ADMIN, Role.REPORTER)


def can_approve_any(user: Any) -> bool:
    """True when the user may approve figures at all (office admins, leaders)."""
    return role_of(user) in (Role.OFFICE_ADMIN, Role.LEADER)


def can_enter_figures(user: Any, unit: Unit) -> bool:
    """True when the user may create or edit draft figures for `unit` and submit them."""
    role = role_of(user)
    if role == Role.OFFICE_ADMIN:
        return True
    return role == Role.REPORTER and _within_home(user, unit)


def can_view_drafts(user: Any, unit: Unit) -> bool:
    """True when the user may see `unit`'s figures that are not yet approved."""
    role = role_of(user)
    if role in (Role.OFFICE_ADMIN, Role.LEADER):
        return True
    return role == Role.REPORTER and _within_home(user, unit)


def can_approve(user: Any, unit: Unit) -> bool:
    """True when the user may approve or reject `unit`'s submitted figures, or correct its
    approved ones directly: office admins and leaders, for every unit."""
    return can_approve_any(user)


def can_view_observation(user: Any, observation: Observation) -> bool:
    """True when the user may read this figure: approved ones for every role holder,
    unapproved ones only under `can_view_drafts`."""
    if observation.state == EntryState.APPROVED:
        return can_read(user)
    return can_view_drafts(user, observation.unit)


def observations_visible_to(user: Any, queryset: QuerySet[Observation]) -> QuerySet[Observation]:
    """Narrow `queryset` to the figures the user may read, in the same single query:
    approved figures of every unit plus unapproved figures of `draft_units(user)`."""
    role = role_of(user)
    if role is None:
        return queryset.none()
    if role in (Role.OFFICE_ADMIN, Role.LEADER):
        return queryset
    approved = Q(state=EntryState.APPROVED)
    home = _home_unit(user)
    if role == Role.REPORTER and home is not None:
        return queryset.filter(approved | Q(unit__path__startswith=home.path))
    return queryset.filter(approved)


def _task_units(task: Task) -> list[Unit]:
    units = [task.lead_unit] if task.lead_unit else []
    return units + list(task.supporting_units.all())


def can_edit_task(user: Any, task: Task) -> bool:
    """True when the user may post progress updates to `task`: office admins always;
    reporters when the task's lead or a supporting unit is within their unit's subtree."""
    role = role_of(user)
    if role == Role.OFFICE_ADMIN:
        return True
    if role != Role.REPORTER:
        return False
    return any(_within_home(user, unit) for unit in _task_units(task))


def require(allowed: bool, message: str, errors: dict[str, str] | None = None) -> None:
    """Raise `Forbidden(message)` unless `allowed`; `message` is the Vietnamese reason shown
    to the user. Returns None when allowed."""
    if not allowed:
        raise Forbidden(message, errors)
