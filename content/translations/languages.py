"""The site's languages: English (the default, at today's addresses) and Spanish (/es/).

The language of a request is the one its URL names, and nothing else (middleware.py): never
the Accept-Language header, a cookie or the session.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Locale

LOCALES_KEY = "translations:locale-ids"


def default_language():
    return settings.LANGUAGE_CODE


def languages():
    """[(code, name in itself), ...], the default language first."""
    return list(settings.LANGUAGES)


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


def locale_ids():
    """{language code: Locale id}, kept in the cache: checking a page's language on every
    request then costs no query."""
    found = cache.get(LOCALES_KEY)
    if found is None:
        found = dict(Locale.objects.values_list("language_code", "id"))
        cache.set(LOCALES_KEY, found, timeout=None)
    return found


def forget_locales():
    cache.delete(LOCALES_KEY)


def locale_id(language):
    return locale_ids().get(language)


def active_locale_id():
    return locale_id(translation.get_language() or default_language())


def language_of_locale_id(locale_id_):
    for code, found in locale_ids().items():
        if found == locale_id_:
            return code
    return None


def is_translation(page):
    """True for a page in any language but the default (English)."""
    return page.locale_id is not None and page.locale_id != locale_id(default_language())


def strip_language_prefix(path):
    """The path without its language prefix: "/es/star-procedure/" -> "/star-procedure/"."""
    language = language_from_path(path)
    if language == default_language():
        return path
    return path[len(language) + 1 :] or "/"


def localized_root(site, language=None):
    """The site's home page in the language (by default the active one), if it is live;
    otherwise None."""
    language = language or translation.get_language() or default_language()
    root = site.root_page
    if root.locale_id == locale_id(language):
        return root
    return root.get_translations().live().filter(locale_id=locale_id(language)).first()
