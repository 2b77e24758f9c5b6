"""Report downloads, templates and imports under /bao-cao/; names in the `reports` namespace."""

from django.urls import path

from chitieu.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("tai/", views.report, name="download"),
    path("mau/", views.template, name="template"),
    path("nhap/", views.upload, name="import"),
]
