from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "content.enquiries"
    label = "enquiries"
    verbose_name = "Enquiries"
    default_auto_field = "django.db.models.BigAutoField"
    # As when it lived in the "content" app: its saves empty the page cache (serving).
    shown_on_pages = True
