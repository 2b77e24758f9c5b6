"""API tokens for machine clients: create, check, revoke.

Only a SHA-256 hash of each token is stored; the token itself is shown once, when created.
A token acts as its user, with the user's role and unit (`chitieu.org.access`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.errors import Invalid, NotFound
from chitieu.org.models import ApiToken

#: Prefix that makes a chitieu token recognisable in logs and secret scanners.
TOKEN_PREFIX = "ct_"
#: last_used is written at most this often per token, so reads do not turn into writes.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def hash_token(raw: str) -> str:
    """Return the hex SHA-256 of a raw token, the only form stored."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def create_token(
    username: str, name: str, *, now: datetime, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for the user called `username`; return (record, raw token).

    The raw token is never stored and cannot be shown again. Raises Invalid (empty name,
    expiry not after `now`) or NotFound (no such active user).
    """
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = "Cần đặt tên cho mã truy cập (ví dụ: tên hệ thống dùng nó)."
    if expires_at is not None and expires_at <= now:
        errors["expires_at"] = "Thời hạn phải sau thời điểm hiện tại."
    if errors:
        raise Invalid("Không tạo được mã truy cập.", errors)
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise NotFound(f"Không có người dùng «{username}».", {"user": "Không tồn tại hoặc đã khóa."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, token_hash=hash_token(raw), created_at=now, expires_at=expires_at
        )
    return token, raw


def user_for_token(raw: str, *, now: datetime) -> Any | None:
    """Return the active user a raw token belongs to, or None when the token is unknown,
    revoked or expired (at `now`), or its user is inactive. Records when it was last used."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(raw)).first()
    if token is None or not token.usable_at(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke_token(token_id: int) -> ApiToken:
    """Revoke a token; return it. Revoking twice is harmless. Raises NotFound."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        if token is None:
            raise NotFound(f"Không có mã truy cập #{token_id}.", {"id": "Không tồn tại."})
        if not token.revoked:
            token.revoked = True
            token.save(update_fields=["revoked"])
    return token


def tokens_of(username: str | None = None):
    """Return tokens (newest first), optionally only those of one user name."""
    qs = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
    return qs.filter(user__username=username) if username else qs
