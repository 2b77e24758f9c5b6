"""How API callers prove who they are: `Authorization: Bearer <token>` or the browser session.

Without either, every data route answers 401. A session caller must also send the CSRF
token on unsafe methods (403 otherwise); token callers need not, since a browser never
attaches the header on its own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from chitieu.org import tokens

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class AuthedRequest(HttpRequest):
    """A request that passed the API's authentication: ninja sets `auth` to the caller."""

    auth: Any


class TokenAuth(HttpBearer):
    """Bearer token of a machine client (see `chitieu token create`)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = tokens.user_for_token(token.strip(), now=timezone.now())
        if user is not None:
            # Services and the history middleware read request.user.
            request.user = user
        return user


class SessionAuth(AuthBase):
    """The signed-in browser session, with Django's CSRF check on unsafe methods."""

    openapi_type = "apiKey"
    openapi_in = "cookie"

    def __init__(self) -> None:
        self.openapi_name = settings.SESSION_COOKIE_NAME
        self.csrf = True  # tells ninja's docs page to send the CSRF header
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request):
            raise HttpError(403, "Thiếu hoặc sai mã chống giả mạo (CSRF); tải lại trang rồi thử lại.")
        return user


def api_auth() -> list:
    """Return the auth handlers in the order they are tried."""
    return [TokenAuth(), SessionAuth()]
