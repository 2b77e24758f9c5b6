"""URL map: the web pages, the JSON API under /api/v1, and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("", include("chitieu.web.urls")),
]
