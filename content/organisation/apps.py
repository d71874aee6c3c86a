from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "content.organisation"
    label = "organisation"
    verbose_name = "Organisation"
    default_auto_field = "django.db.models.BigAutoField"
    # Pages show the contact details: saving them empties the page cache (serving).
    shown_on_pages = True

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
