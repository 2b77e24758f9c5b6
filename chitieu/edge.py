"""Checks at the edge, before any view: what every request must satisfy whatever it is for.

One middleware (`Edge`) answers, in Vietnamese, a request whose body is larger than the
application takes (413), and one whose address, query parameters, form fields or JSON strings
hold a NUL or another control character (400): PostgreSQL cannot store a NUL, and no text typed
by a person holds the others (tab and line ends are kept).

It also answers what fails below it: a database that cannot be reached (OperationalError,
InterfaceError: the server is down, restarting or out of connections) is a 503 with
Retry-After and a Vietnamese page (templates 503.html, standalone: it renders without the
database) or JSON problem, never Django's English "Server Error (500)"; and under /api/ every
error answers JSON, an unknown route or a refused method included.

Every response carries a Content-Security-Policy (scripts, styles, images, connections only
from this server: HTMX, ECharts and Swagger UI are served from it; no inline script or <style>;
style attributes, which ECharts' tooltips and the status colours use, are allowed) and a
Permissions-Policy refusing the browser features the application never uses. Errors are a JSON problem ({"detail", "errors"}, as chitieu.api.errors
writes them) under /api/, the one HTML error page (chitieu.web.errors) elsewhere.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from chitieu.core.quantities import format_number
from chitieu.web.errors import render_error

API_PREFIX = "/api/"
#: Seconds a client is asked to wait after a database outage (most restarts take a few).
RETRY_AFTER = 10
OUTAGE = (
    "Cơ sở dữ liệu tạm thời không truy cập được (đang khởi động lại hoặc quá tải). "
    f"Số liệu chưa được ghi; xin thử lại sau {RETRY_AFTER} giây."
)
#: What an API error says when nothing more specific was written (a route or method refused
#: by the URL map, a failure caught by Django's handlers).
API_DEFAULTS = {
    400: "Yêu cầu không hợp lệ.",
    403: "Không có quyền thực hiện yêu cầu này.",
    404: "Không có tuyến API này: {path}. Xem /api/v1/docs.",
    405: "Tuyến {path} không nhận phương thức {method}.",
    500: "Lỗi máy chủ khi xử lý yêu cầu; số liệu chưa được ghi. Xin thử lại, nếu vẫn lỗi hãy báo Văn phòng.",
}


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


#: The policy of every page (see the module doc); `frame-ancestors` repeats X-Frame-Options.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb", "serial", "bluetooth",
))


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


def _note_outage(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Mark a request whose failure was the database's. Django sends this signal from its
    handler of uncaught exceptions, wherever they were raised: in a view, or in a middleware
    below this one (the session middleware saving the session after the view failed)."""
    if request is not None and isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        request.database_outage = True  # type: ignore[attr-defined]  # read by Edge


got_request_exception.connect(_note_outage, dispatch_uid="chitieu.edge.outage")


def outage(request: HttpRequest) -> HttpResponse:
    """The 503 answer to a database outage: JSON under /api/, the standalone page elsewhere."""
    if is_api(request):
        response: HttpResponse = JsonResponse({"detail": OUTAGE, "errors": {}}, status=503,
                                              json_dumps_params={"ensure_ascii": False})
    else:
        page = render_to_string("503.html", {"message": OUTAGE, "retry_after": RETRY_AFTER})
        response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def _json_error(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """An API error answered in another format (Django's 404 page, an empty 405) as a JSON
    problem with the same status and headers."""
    template = API_DEFAULTS.get(response.status_code, API_DEFAULTS[500 if response.status_code >= 500 else 400])
    detail = template.format(path=request.path, method=request.method)
    answer = JsonResponse({"detail": detail, "errors": {}}, status=response.status_code,
                          json_dumps_params={"ensure_ascii": False})
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if header in response:
            answer[header] = response[header]
    return answer


class Edge:
    """Refuses, before a byte of the body is read, a request declaring a body over
    max_request_bytes() (413); then text with a control character (400); answers a database
    outage with 503 and any API error in JSON; sets the security headers (see the module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self._answer(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def _answer(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return problem(request, 400, "Độ dài nội dung (Content-Length) không phải là số.")
        if length > max_request_bytes():
            limit = max_request_bytes() // (1024 * 1024)
            return problem(
                request, 413, f"Nội dung gửi lên nặng {format_number(length / 1048576, 1)} MB, vượt giới hạn {limit} MB.",
            )
        response = _bad_text(request) or self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_outage", False):
            return outage(request)
        if is_api(request) and response.status_code >= 400 and "json" not in response.get("Content-Type", ""):
            return _json_error(request, response)
        return response
