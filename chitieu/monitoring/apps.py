from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.monitoring"
    label = "monitoring"
