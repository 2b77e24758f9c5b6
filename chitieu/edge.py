"""Checks at the edge, before any view: what every request must satisfy whatever it is for.

One middleware (`Edge`) answers, in Vietnamese, a request whose body is larger than the
application takes (413). Errors are a JSON problem ({"detail", "errors"}, as chitieu.api.errors
writes them) under /api/, a small page elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from chitieu.core.quantities import format_number

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    """Whether `request` is for the JSON API, which answers every error in JSON."""
    return request.path.startswith(API_PREFIX)


def problem(request: HttpRequest, status: int, title: str, detail: str,
            errors: dict[str, str] | None = None) -> HttpResponse:
    """The Vietnamese answer to a refused request: JSON under /api/, a standalone page (no
    database, no session: it must render when those are what failed) elsewhere."""
    if is_api(request):
        return JsonResponse({"detail": detail, "errors": errors or {}}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    page = render_to_string("web/edge.html", {"title": title, "detail": detail, "errors": errors or {}})
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


def max_request_bytes() -> int:
    """The largest request body taken: the largest upload plus 1 MB for the form around it."""
    return (settings.MAX_UPLOAD_MB + 1) * 1024 * 1024


class Edge:
    """Refuses, before a byte of the body is read, a request declaring a body over
    max_request_bytes() (413)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return problem(request, 400, "Yêu cầu không hợp lệ", "Độ dài nội dung (Content-Length) không phải là số.")
        if length > max_request_bytes():
            limit = max_request_bytes() // (1024 * 1024)
            return problem(
                request, 413, "Nội dung gửi lên quá lớn",
                f"Nội dung gửi lên nặng {format_number(length / 1048576, 1)} MB, vượt giới hạn {limit} MB.",
            )
        return self.get_response(request)
