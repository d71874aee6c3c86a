from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "content.operations"
    label = "operations"
    verbose_name = "Operations"

    def ready(self):
        from . import outage, signals  # noqa: F401  (connects the receivers)
