"""Who may see and change what (chitieu.org.access), persona by persona."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from chitieu.core.choices import EntryState
from chitieu.errors import Forbidden
from chitieu.monitoring.models import Observation
from chitieu.org import access
from tests.factories import make_observation, make_task
from tests.personas import make_cast

pytestmark = pytest.mark.django_db

ALL_UNITS = {"city", "office", "standing", "department", "department_sub", "commune_a", "hamlet_a", "commune_b"}
OWN_UNITS = {
    "office": ALL_UNITS,
    "superuser": ALL_UNITS,
    "leader": set(),
    "reporter_a": {"commune_a", "hamlet_a"},
    "reporter_b": {"commune_b"},
    "dept_reporter": {"department", "department_sub"},
    "viewer": set(),
    "outsider": set(),
}
DRAFT_UNITS = {**OWN_UNITS, "leader": ALL_UNITS}
APPROVERS = {"office", "superuser", "leader"}
READERS = set(OWN_UNITS) - {"outsider"}
MANAGERS = {"office", "superuser"}


@pytest.fixture
def cast():
    return make_cast()


@pytest.mark.parametrize("persona", sorted(OWN_UNITS))
def test_each_persona_enters_figures_only_for_their_unit_and_its_sub_units(cast, persona):
    user = cast.users[persona]
    allowed = {key for key, unit in cast.units.items() if access.can_enter_figures(user, unit)}
    assert allowed == OWN_UNITS[persona]
    assert set(access.entry_units(user)) == {cast.units[k] for k in OWN_UNITS[persona]}
    assert access.can_enter_any(user) == bool(OWN_UNITS[persona])


@pytest.mark.parametrize("persona", sorted(DRAFT_UNITS))
def test_drafts_are_seen_by_their_own_unit_leaders_and_the_office_only(cast, persona):
    user = cast.users[persona]
    seen = {key for key, unit in cast.units.items() if access.can_view_drafts(user, unit)}
    assert seen == DRAFT_UNITS[persona]
    assert set(access.draft_units(user)) == {cast.units[k] for k in DRAFT_UNITS[persona]}


@pytest.mark.parametrize("persona", sorted(OWN_UNITS))
def test_only_leaders_and_the_office_approve(cast, persona):
    user = cast.users[persona]
    assert access.can_approve(user, cast.units["commune_a"]) == (persona in APPROVERS)
    assert access.can_approve_any(user) == (persona in APPROVERS)


@pytest.mark.parametrize("persona", sorted(OWN_UNITS))
def test_everyone_with_an_account_reads_every_unit_and_outsiders_read_nothing(cast, persona):
    user = cast.users[persona]
    reads = persona in READERS
    assert access.can_read(user) == reads
    assert access.can_view_unit(user, cast.units["commune_b"]) == reads
    assert access.visible_units(user).count() == (len(ALL_UNITS) if reads else 0)


@pytest.mark.parametrize("persona", sorted(OWN_UNITS))
def test_only_the_office_manages(cast, persona):
    assert access.can_manage(cast.users[persona]) == (persona in MANAGERS)


@pytest.mark.parametrize("persona", sorted(OWN_UNITS))
def test_a_persona_sees_approved_figures_everywhere_and_unapproved_ones_of_their_draft_units(cast, persona):
    ind = cast.indicator
    figures = {
        ("commune_a", "approved"): make_observation(cast.units["commune_a"], ind, period="2022"),
        ("commune_a", "draft"): make_observation(cast.units["commune_a"], ind, state=EntryState.DRAFT),
        ("hamlet_a", "rejected"): make_observation(cast.units["hamlet_a"], ind, state=EntryState.REJECTED),
        ("commune_b", "submitted"): make_observation(cast.units["commune_b"], ind, state=EntryState.SUBMITTED),
        ("commune_b", "approved"): make_observation(cast.units["commune_b"], ind, period="2022"),
        ("department", "draft"): make_observation(cast.units["department"], ind, state=EntryState.DRAFT),
    }
    user = cast.users[persona]
    expected = {
        key for key in figures
        if persona in READERS and (key[1] == "approved" or key[0] in DRAFT_UNITS[persona])
    }
    visible = set(access.observations_visible_to(user, Observation.objects.all()))
    assert visible == {figures[k] for k in expected}
    assert {k for k, obs in figures.items() if access.can_view_observation(user, obs)} == expected


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("office", {"led_by_a", "supported_by_b", "led_by_hamlet", "no_unit"}),
        ("superuser", {"led_by_a", "supported_by_b", "led_by_hamlet", "no_unit"}),
        ("reporter_a", {"led_by_a", "led_by_hamlet"}),
        ("reporter_b", {"supported_by_b"}),
        ("dept_reporter", {"supported_by_b"}),
        ("leader", set()),
        ("viewer", set()),
        ("outsider", set()),
    ],
)
def test_task_updates_come_from_the_units_that_lead_or_support_the_task(cast, persona, expected):
    u = cast.units
    tasks = {
        "led_by_a": make_task("t-a", u["commune_a"]),
        "supported_by_b": make_task("t-b", u["department"], supporting=(u["commune_b"],)),
        "led_by_hamlet": make_task("t-h", u["hamlet_a"]),
        "no_unit": make_task("t-none", None),
    }
    user = cast.users[persona]
    assert {k for k, t in tasks.items() if access.can_edit_task(user, t)} == expected


def test_an_anonymous_user_has_no_role_and_no_rights(cast):
    anon = AnonymousUser()
    assert access.account_of(anon) is None
    assert access.role_of(anon) is None
    assert not access.can_read(anon)
    assert not access.can_enter_figures(anon, cast.units["commune_a"])
    assert access.visible_units(anon).count() == 0


def test_a_deactivated_reporter_loses_every_right(cast):
    user = cast.users["reporter_a"]
    user.is_active = False
    user.save()
    assert access.role_of(user) is None
    assert not access.can_enter_figures(user, cast.units["commune_a"])
    assert not access.can_read(user)


def test_a_reporter_moved_to_another_unit_gets_that_units_rights(cast):
    user = cast.users["reporter_a"]
    account = user.account
    account.unit = cast.units["commune_b"]
    account.save()
    fresh = type(user).objects.get(pk=user.pk)  # the account is cached per user object
    assert access.can_enter_figures(fresh, cast.units["commune_b"])
    assert not access.can_enter_figures(fresh, cast.units["commune_a"])


def test_require_raises_forbidden_with_the_vietnamese_message_and_passes_when_allowed(cast):
    access.require(True, "không dùng")
    with pytest.raises(Forbidden) as exc:
        access.require(False, "Bạn không có quyền nhập số liệu của Xã Bạch Đằng.", {"unit": "Không có quyền."})
    assert exc.value.status == 403
    assert exc.value.message == "Bạn không có quyền nhập số liệu của Xã Bạch Đằng."
    assert exc.value.errors == {"unit": "Không có quyền."}


def test_the_account_is_read_once_per_user_object(cast, django_assert_num_queries):
    user = type(cast.users["reporter_a"]).objects.get(pk=cast.users["reporter_a"].pk)
    with django_assert_num_queries(1):
        for unit in cast.units.values():
            access.can_enter_figures(user, unit)
            access.can_view_drafts(user, unit)
