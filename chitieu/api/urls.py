"""The JSON API, mounted under /api/v1 by chitieu/urls.py (docs at /api/v1/docs)."""

from django.urls import path

from chitieu.api.main import api

urlpatterns = [path("", api.urls)]
