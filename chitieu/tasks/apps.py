from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.tasks"
    label = "tasks"
