"""URL map: the web pages, document reading, the JSON API under /api/v1, and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include("chitieu.api.urls")),
    path("doc-van-ban/", include("chitieu.reading.urls")),
    path("bao-cao/", include("chitieu.reports.urls")),
    path("viec/", include("chitieu.jobs.urls")),
    path("", include("chitieu.web.urls")),
]

# Vietnamese error pages in every mode (no mode runs with DEBUG): chitieu.web.errors.
handler400 = "chitieu.web.errors.bad_request"
handler403 = "chitieu.web.errors.permission_denied"
handler404 = "chitieu.web.errors.page_not_found"
handler500 = "chitieu.web.errors.server_error"
