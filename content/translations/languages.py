"""The site's languages: English (the default, at today's addresses) and Spanish (/es/).

The language of a request is the one its URL names, and nothing else (middleware.py): never
the Accept-Language header, a cookie or the session.
"""

from django.conf import settings
from wagtail.models import Locale


def default_language():
    return settings.LANGUAGE_CODE


def language_name(code):
    """The language named in itself: "English", "Español"."""
    return dict(settings.LANGUAGES).get(code, code)


def language_from_path(path):
    """The language a path's prefix names exactly ("/es/..." is Spanish), else the default.

    Only the codes in LANGUAGES count: "/es-mx/" or "/ES/" name no language.
    """
    prefix = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES} - {default_language()}
    return prefix if prefix in codes else default_language()


def is_default_locale(locale_id):
    return locale_id == default_locale().pk


def default_locale():
    return Locale.get_default()


def page_language(page):
    """The language code of a page's locale, without a query when the locale is loaded."""
    return page.locale.language_code
