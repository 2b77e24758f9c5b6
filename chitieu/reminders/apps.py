from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.reminders"
    label = "reminders"
    verbose_name = "Nhắc hạn báo cáo"
