from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.reports"
    label = "reports"
