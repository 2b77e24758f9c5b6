from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "chitieu.jobs"
    label = "jobs"
    verbose_name = "Việc chạy nền"
