from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.org"
    label = "org"
