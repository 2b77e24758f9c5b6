"""Report downloads, templates and imports under /bao-cao/; names in the `reports` namespace.

`resolution_report` is the address the dashboard's buttons link to:
{% url 'reports:resolution_report' resolution=CODE kind='quy' as_of='2024-03-31' fmt='docx' %}
→ /bao-cao/hp-2021/quy/2024-03-31.docx (kind: quy, 6thang, nam, giuaky, cuoiky; fmt: docx,
pdf, xlsx). Slugs cannot hold a dot, so the date and the format never run together.
"""

from django.urls import path

from chitieu.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("tai/", views.report, name="download"),
    path("mau/", views.template, name="template"),
    path("nhap/", views.upload, name="import"),
    path("<str:resolution>/<slug:kind>/<slug:as_of>.<slug:fmt>", views.resolution_report, name="resolution_report"),
]
