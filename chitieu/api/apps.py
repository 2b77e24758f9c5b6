from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.api"
    label = "api"
