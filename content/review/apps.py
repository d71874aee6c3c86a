from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "content.review"
    label = "review"
    verbose_name = "Clinical review"
    default_auto_field = "django.db.models.BigAutoField"
    # Pages name their reviewer: saving a clinician empties the page cache (serving).
    shown_on_pages = True
