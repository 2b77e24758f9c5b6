"""API tokens (service and `chitieu token` command) and the demo accounts."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.utils import timezone

from chitieu.core.choices import Role, UnitKind
from chitieu.errors import Invalid, NotFound
from chitieu.org import access, tokens
from chitieu.org.demo_accounts import DEMO_ACCOUNTS
from chitieu.org.models import Account, ApiToken
from chitieu.org.services import ensure_demo_accounts, load_units
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue()


def test_token_create_prints_the_token_once_and_stores_only_its_hash():
    make_user("robot")
    out = run("create", "--user", "robot", "--name", "Cổng dữ liệu", "--days", "30")
    raw = out.strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert raw.startswith(tokens.TOKEN_PREFIX)
    assert token.token_hash == tokens.hash_token(raw) != raw
    assert token.name == "Cổng dữ liệu"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert tokens.user_for_token(raw, now=timezone.now()).username == "robot"
    assert raw not in run("list")


def test_token_revoke_stops_the_token_and_is_harmless_twice():
    make_user("robot")
    token, raw = tokens.create_token("robot", "x", now=timezone.now())
    assert f"#{token.pk}" in run("revoke", str(token.pk))
    run("revoke", str(token.pk))
    assert tokens.user_for_token(raw, now=timezone.now()) is None
    assert "đã thu hồi" in run("list", "--user", "robot")


def test_token_commands_report_unknown_users_and_ids_in_vietnamese():
    with pytest.raises(CommandError, match="Không có người dùng «ma»"):
        run("create", "--user", "ma", "--name", "x")
    with pytest.raises(CommandError, match="Không có mã truy cập #999"):
        run("revoke", "999")


def test_a_token_needs_a_name_and_an_expiry_in_the_future():
    make_user("robot")
    now = timezone.now()
    with pytest.raises(Invalid) as exc:
        tokens.create_token("robot", " ", now=now, expires_at=now - timedelta(seconds=1))
    assert set(exc.value.errors) == {"name", "expires_at"}
    with pytest.raises(NotFound):
        tokens.create_token("khong-co", "x", now=now)


def test_a_token_stops_working_at_its_expiry_and_for_malformed_input():
    make_user("robot")
    now = timezone.now()
    _, raw = tokens.create_token("robot", "x", now=now, expires_at=now + timedelta(hours=1))
    assert tokens.user_for_token(raw, now=now + timedelta(minutes=59)) is not None
    assert tokens.user_for_token(raw, now=now + timedelta(hours=1)) is None
    assert tokens.user_for_token("", now=now) is None
    assert tokens.user_for_token(raw.removeprefix(tokens.TOKEN_PREFIX), now=now) is None


def test_last_used_is_written_at_most_once_a_minute():
    make_user("robot")
    now = timezone.now()
    token, raw = tokens.create_token("robot", "x", now=now)
    tokens.user_for_token(raw, now=now)
    tokens.user_for_token(raw, now=now + timedelta(seconds=30))
    token.refresh_from_db()
    assert token.last_used_at == now
    tokens.user_for_token(raw, now=now + timedelta(minutes=2))
    token.refresh_from_db()
    assert token.last_used_at == now + timedelta(minutes=2)


@pytest.fixture
def hai_phong_units():
    load_units()


def test_demo_accounts_give_one_login_per_role_at_fitting_units(hai_phong_units, settings):
    settings.DEMO = True
    rows = ensure_demo_accounts()
    assert [r[0] for r in rows] == ["vanphong", "lanhdao", "xa", "so", "xem"]
    User = get_user_model()
    seen_roles = set()
    for username, password, role_label, unit_name in rows:
        user = User.objects.get(username=username)
        assert user.check_password(password) and user.is_active, username
        validate_password(password, user)
        account = Account.objects.select_related("unit").get(user=user)
        assert (Role(account.role).label, account.unit.name) == (role_label, unit_name)
        seen_roles.add(Role(account.role))
    assert seen_roles == set(Role)
    office = User.objects.get(username="vanphong")
    assert access.can_manage(office) and office.account.unit.code == "van-phong-thanh-uy"
    commune = User.objects.get(username="xa").account.unit
    assert commune.kind in (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE)
    assert access.can_enter_figures(User.objects.get(username="xa"), commune)


def test_demo_accounts_can_be_ensured_twice_without_duplicates(hai_phong_units, settings):
    settings.DEMO = True
    assert ensure_demo_accounts() == ensure_demo_accounts()
    assert Account.objects.count() == len(DEMO_ACCOUNTS) == 5


def test_demo_accounts_are_refused_outside_demo_mode(hai_phong_units, settings):
    settings.DEMO = False
    settings.TESTING = False
    with pytest.raises(ImproperlyConfigured):
        ensure_demo_accounts()
    assert not Account.objects.exists()
