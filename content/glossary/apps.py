from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "content.glossary"
    label = "glossary"
    verbose_name = "Glossary"
    default_auto_field = "django.db.models.BigAutoField"
    # Pages link to the terms: saving one empties the page cache (serving).
    shown_on_pages = True

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
