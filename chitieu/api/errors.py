"""One place that turns errors into JSON: {"detail": message, "errors": {field: message}}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from chitieu.errors import DomainError


def _key(loc: tuple | list) -> str:
    """Return the field key of a validation error location: ("body", "rows", 0, "value")
    becomes "0.value"; ("query", "as_of") becomes "as_of"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        parts = parts[1:]
    if parts and parts[0] in ("rows", "payload", "filters") and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


#: Vietnamese messages for the input errors pydantic reports, by error type.
_MESSAGES = {
    "missing": "Bắt buộc phải có.",
    "float_parsing": "Không phải là số.",
    "float_type": "Không phải là số.",
    "int_parsing": "Không phải là số nguyên.",
    "int_type": "Không phải là số nguyên.",
    "int_from_float": "Không phải là số nguyên.",
    "string_type": "Phải là chuỗi ký tự.",
    "list_type": "Phải là một danh sách.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "dict_type": "Phải là một đối tượng JSON.",
    "date_parsing": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
    "date_type": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
    "json_invalid": "Nội dung gửi lên không phải JSON hợp lệ.",
}


#: django-ninja's own English messages, in Vietnamese.
_LIBRARY_MESSAGES = {
    "Cannot parse request body": "Nội dung gửi lên không đọc được: không phải JSON hợp lệ.",
    "Method not allowed": "Tuyến này không nhận phương thức đó.",
}


def _message(err: dict[str, Any]) -> str:
    """Return the Vietnamese message of one pydantic error, naming the limit or value."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"Phải từ {ctx.get('ge')} trở lên."
    if kind == "greater_than":
        return f"Phải lớn hơn {ctx.get('gt')}."
    if kind == "less_than_equal":
        return f"Không được quá {ctx.get('le')}."
    if kind == "less_than":
        return f"Phải nhỏ hơn {ctx.get('lt')}."
    if kind in _MESSAGES:
        value = err.get("input")
        shown = f" (nhận được «{value}»)" if isinstance(value, (str, int, float)) and kind != "missing" else ""
        return _MESSAGES[kind] + shown
    return f"Giá trị không hợp lệ: {err.get('msg', '')}"


def _json(api: NinjaAPI, request: HttpRequest, status: int, detail: str, errors: dict[str, Any] | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


def install(api: NinjaAPI) -> None:
    """Register the handlers of domain errors, input errors and missing credentials."""

    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        return _json(api, request, exc.status, exc.message, exc.errors)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        errors: dict[str, str] = {}
        for err in exc.errors:
            errors.setdefault(_key(err.get("loc", ())), _message(err))
        return _json(api, request, 422, "Dữ liệu gửi lên không hợp lệ.", errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = _json(api, request, 401, "Cần đăng nhập hoặc gửi mã truy cập (Authorization: Bearer …).")
        response["WWW-Authenticate"] = 'Bearer realm="chitieu"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return _json(api, request, exc.status_code, _LIBRARY_MESSAGES.get(str(exc), str(exc)))
