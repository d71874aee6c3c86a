from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "content.translations"
    label = "translations"
    verbose_name = "Languages and translation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
