"""Checks at the edge, before any view: what every request must satisfy whatever it is for.

One middleware (`Edge`) answers, in Vietnamese, a request whose body is larger than the
application takes (413), and one whose address, query parameters, form fields or JSON strings
hold a NUL or another control character (400): PostgreSQL cannot store a NUL, and no text typed
by a person holds the others (tab and line ends are kept). Errors are a JSON problem ({"detail", "errors"}, as chitieu.api.errors
writes them) under /api/, the one HTML error page (chitieu.web.errors) elsewhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from chitieu.core.quantities import format_number
from chitieu.web.errors import render_error

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    """Whether `request` is for the JSON API, which answers every error in JSON."""
    return request.path.startswith(API_PREFIX)


def problem(request: HttpRequest, status: int, detail: str,
            errors: dict[str, str] | None = None) -> HttpResponse:
    """The Vietnamese answer to a refused request: a JSON problem under /api/, the one HTML
    error page (chitieu.web.errors) elsewhere."""
    if is_api(request):
        return JsonResponse({"detail": detail, "errors": errors or {}}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    return render_error(request, status, detail, errors)


def max_request_bytes() -> int:
    """The largest request body taken: the largest upload plus 1 MB for the form around it."""
    return (settings.MAX_UPLOAD_MB + 1) * 1024 * 1024


#: Control characters no typed text holds: C0 but tab, line feed and carriage return; DEL; C1.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """The first control character of `text` named for a person ("NUL (U+0000)",
    "U+001B"), or None when it has none."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    return f"NUL ({code})" if found.group() == "\x00" else code


def _json_strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every (path, string) of a decoded JSON document, keys included: "0.note"."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            yield path, str(key)
            yield from _json_strings(item, path)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _json_strings(item, f"{where}.{n}" if where else str(n))


def _texts(request: HttpRequest) -> Iterator[tuple[str, str, str]]:
    """(what, name, text) of everything a person sent as text: the address, each query
    parameter, each form field, each string of a JSON body."""
    yield "địa chỉ", "", request.path
    for key, values in request.GET.lists():
        yield "tham số", key, key
        for value in values:
            yield "tham số", key, value
    if request.method in ("POST", "PUT", "PATCH"):
        kind = request.content_type or ""
        if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, values in request.POST.lists():
                yield "trường", key, key
                for value in values:
                    yield "trường", key, value
            for _, uploads in request.FILES.lists():
                for upload in uploads:
                    yield "tên tệp", "", upload.name or ""
        elif kind == "application/json" or kind.endswith("+json"):
            try:
                document = json.loads(request.body)
            except ValueError:
                return  # not JSON: the API says so in its own words
            for path, text in _json_strings(document):
                yield "trường", path, text


def _bad_text(request: HttpRequest) -> HttpResponse | None:
    for what, name, text in _texts(request):
        found = control_character(text)
        if found:
            label = f"{what.capitalize()} «{name}»" if name else what.capitalize()
            message = f"{label} chứa ký tự điều khiển {found}; hãy bỏ ký tự đó rồi gửi lại."
            return problem(request, 400, "Dữ liệu gửi lên có ký tự không hợp lệ.", {name or what: message})
    return None


class Edge:
    """Refuses, before a byte of the body is read, a request declaring a body over
    max_request_bytes() (413); then text with a control character (400, see the module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return problem(request, 400, "Độ dài nội dung (Content-Length) không phải là số.")
        if length > max_request_bytes():
            limit = max_request_bytes() // (1024 * 1024)
            return problem(
                request, 413, f"Nội dung gửi lên nặng {format_number(length / 1048576, 1)} MB, vượt giới hạn {limit} MB.",
            )
        return _bad_text(request) or self.get_response(request)
