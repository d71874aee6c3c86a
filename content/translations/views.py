"""The "page not found" page, in the language of the address asked for.

A Spanish address with no Spanish page (/es/star-procedure/) says so in Spanish, and links
to the English page at the same address (/star-procedure/) when there is one.
"""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.models import Site

from .alternates import home_urls
from .languages import default_language, language_from_path, strip_language_prefix


def page_not_found(request, exception=None):
    language = language_from_path(request.path_info)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    homes = home_urls(request)
    english_url = None
    if language != default_language():
        english_url = english_page_url(request, strip_language_prefix(request.path_info))
    context = {
        "request_path": request.path,
        "english_url": english_url,
        "home_page_url": homes.get(language) or homes.get(default_language()) or "/",
        # The switcher's link to English goes to the English page when there is one.
        "alternate_urls": {default_language(): english_url} if english_url else {},
    }
    return TemplateResponse(request, "404.html", context, status=404).render()


def english_page_url(request, path):
    """The address of the live English page at path, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [part for part in path.split("/") if part]
    with translation.override(default_language()):
        try:
            route = site.root_page.specific.route(request, components)
        except Http404:
            return None
        page = route.page
        if not page.live or page.locale_id != site.root_page.locale_id:
            return None
        return page.get_url(request)
