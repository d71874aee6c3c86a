from django.views.defaults import page_not_found  # noqa: F401
