from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.reading"
    label = "reading"
    verbose_name = "Đọc văn bản"
