from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.plans"
    label = "plans"
