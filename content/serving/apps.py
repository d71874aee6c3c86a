from django.apps import AppConfig


class ServingConfig(AppConfig):
    name = "content.serving"
    label = "serving"
    verbose_name = "Serving"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
