from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu Hải Phòng"
