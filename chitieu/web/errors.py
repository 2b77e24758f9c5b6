"""The one HTML error path: every refusal a page or an HTMX request meets is shown in Vietnamese
where the person is.

- `DomainErrorMiddleware` turns a domain error (chitieu.errors) or a period/date the core could
  not read, raised by any view, into the Vietnamese page for a plain request, or into a fragment
  for an HTMX request. The fragment goes to the page's alert slot (`#htmx-error` in base.html,
  by HX-Retarget), so a refusal never replaces the form or cell that asked.
- `bad_request`, `permission_denied`, `page_not_found`, `server_error` and `csrf_failure` are the
  Django handlers (chitieu/urls.py, settings.CSRF_FAILURE_VIEW): Vietnamese in every mode, since
  no mode runs with DEBUG. They show their own wording, never the exception's text (Django's and
  libraries' texts are English): our code refuses with a domain error, which carries its reason.

Views that can show an error in place (a grid cell, an approval row, an import's row list)
render it themselves with status 422/409; htmx swaps those (the htmx-config meta in base.html).
The JSON API has its own handlers (chitieu.api.errors).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template import loader

from chitieu.core.periods import PeriodError
from chitieu.errors import DomainError, Forbidden, NotFound

ALERT_SLOT = "#htmx-error"

TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Không có quyền truy cập",
    404: "Không tìm thấy trang",
    409: "Số liệu đã thay đổi",
    413: "Dữ liệu gửi lên quá lớn",
    422: "Chưa ghi được",
    500: "Lỗi hệ thống",
}
DEFAULTS = {
    400: "Yêu cầu gửi lên không đọc được. Kiểm tra lại địa chỉ hoặc biểu mẫu rồi thử lại.",
    403: "Tài khoản của bạn không được phép xem hoặc thay đổi nội dung này.",
    404: "Địa chỉ này không tồn tại hoặc nội dung đã bị xóa.",
    500: "Máy chủ gặp lỗi khi xử lý yêu cầu. Số liệu chưa được ghi; xin thử lại, nếu vẫn lỗi hãy báo Văn phòng.",
}


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def render_error(
    request: HttpRequest, status: int, message: str = "", details: dict[str, str] | None = None
) -> HttpResponse:
    """The Vietnamese answer to a refused request: a page, or for HTMX a fragment retargeted to
    the page's alert slot. The message and details are escaped by the template."""
    context = {
        "status": status,
        "title": TITLES.get(status, TITLES[400] if status < 500 else TITLES[500]),
        "message": message or DEFAULTS.get(status, DEFAULTS[400] if status < 500 else DEFAULTS[500]),
        "details": details or {},
    }
    if is_htmx(request):
        response = HttpResponse(loader.render_to_string("web/_error.html", context), status=status)
        response["HX-Retarget"] = ALERT_SLOT
        response["HX-Reswap"] = "innerHTML"
        return response
    try:
        body = loader.render_to_string("error.html", context, request=request)
    except Exception:
        body = loader.render_to_string("error_plain.html", context)
    return HttpResponse(body, status=status)


def status_of(exc: DomainError) -> int:
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, NotFound):
        return 404
    return exc.status


class DomainErrorMiddleware:
    """Map what the services refuse to the Vietnamese page or fragment (see the module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/"):
            return None  # the API answers JSON problems itself
        if isinstance(exc, DomainError):
            return render_error(request, status_of(exc), exc.message, exc.errors)
        if isinstance(exc, PeriodError):
            return render_error(request, 400, str(exc))
        return None


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render_error(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render_error(
        request, 403,
        "Phiên làm việc đã hết hạn hoặc biểu mẫu đã cũ (thiếu mã bảo vệ CSRF). "
        "Tải lại trang, đăng nhập nếu cần, rồi gửi lại.",
    )
