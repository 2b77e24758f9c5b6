"""Jobs under /viec/ (namespace `jobs`): a job's page, its status fragment, its file."""

from django.urls import path

from chitieu.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:pk>/", views.job_page, name="page"),
    path("<uuid:pk>/trang-thai/", views.job_status, name="status"),
    path("<uuid:pk>/tep/", views.job_file, name="file"),
]
