from django.apps import AppConfig


class Config(AppConfig):
    name = "chitieu.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        # The hooks that keep the communes' combined figures (chitieu.monitoring.combined).
        from chitieu.monitoring import combined  # noqa: F401
