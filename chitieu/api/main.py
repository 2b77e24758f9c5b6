"""The django-ninja API under /api/v1: one instance, its auth, error handlers and routers."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger
from ninja.renderers import JSONRenderer

from chitieu.api import errors
from chitieu.api.auth import api_auth
from chitieu.api.observations import router as observations
from chitieu.api.plans import router as plans
from chitieu.api.tasks import router as tasks
from chitieu.api.units import router as units

DESCRIPTION = """
API của hệ thống theo dõi thực hiện chỉ tiêu, nhiệm vụ nghị quyết.

Xác thực: phiên đăng nhập của trình duyệt (gửi kèm mã CSRF với POST) hoặc
`Authorization: Bearer <mã>` (Văn phòng cấp ở trang Thiết lập → Mã truy cập API, hoặc bằng
`chitieu token create --user TÊN --name NHÃN`).
Không có xác thực, mọi tuyến dữ liệu trả 401. Quyền như trên giao diện: cán bộ báo cáo chỉ
nhập và thấy bản nháp của đơn vị mình; người xem không ghi được gì.

Lỗi luôn có dạng `{"detail": "...", "errors": {"trường": "..."}}`; với danh sách số liệu,
khóa lỗi là `"vị trí dòng (từ 0).trường"`, ví dụ `"3.value"`.
"""

class UnicodeJSONRenderer(JSONRenderer):
    """JSON in UTF-8 as written ("Đạt"), not as \\u escapes, so Vietnamese stays readable."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="chitieu API",
    version="1",
    description=DESCRIPTION,
    auth=api_auth(),
    renderer=UnicodeJSONRenderer(),
    urls_namespace="api-v1",
    # validatorUrl None: Swagger UI would otherwise fetch a badge from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)
errors.install(api)
api.add_router("", plans)
api.add_router("", observations)
api.add_router("", tasks)
api.add_router("", units)
