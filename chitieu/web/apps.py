from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.web"
    label = "web"
