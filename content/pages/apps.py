from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "content.pages"
    # The label the page types have always had: their tables, content types, permissions,
    # revisions and migrations all carry it, so it stays.
    label = "content"
    verbose_name = "Site content"
    default_auto_field = "django.db.models.BigAutoField"
    # Pages show the references: saving one empties the page cache (serving).
    shown_on_pages = True
