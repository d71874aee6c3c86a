"""Languages on every page: hreflang links, the language switcher, and a translation's
record ("Traducido del inglés… revisado por…")."""

from django import template
from django.utils import translation

from ..alternates import home_urls, hreflang_links, in_language, switcher_links, versions_of
from ..governance import translation_status
from ..languages import default_language

register = template.Library()


def current_page(context):
    page = context.get("page")
    return page if hasattr(page, "translation_key") and getattr(page, "pk", None) else None


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def language_alternates(context):
    """<link rel="alternate" hreflang> for each language the page is in, and x-default."""
    page = current_page(context)
    if page is None:
        return {"links": []}
    return {"links": hreflang_links(versions_of(page, context.get("request")))}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages (or to their home pages), no script."""
    links = switcher_links(
        context.get("request"), current_page(context), context.get("alternate_urls")
    )
    return {"links": links}


@register.inclusion_tag("includes/translation_note.html", takes_context=True)
def translation_note(context):
    """On a translated page: what it was translated from, who checked it, and whether the
    English page is newer."""
    page = current_page(context)
    return {"status": translation_status(page) if page is not None else None}


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the active language ("/" or "/es/"), for "Go to the home page"."""
    homes = home_urls(context.get("request"))
    language = translation.get_language() or default_language()
    return homes.get(language) or homes.get(default_language()) or "/"


@register.simple_tag(takes_context=True)
def localized_page_url(context, page):
    """The page's address in the active language when it has a live version in it, else its
    own: a link chosen in the settings (to an English page) leads Spanish readers to the
    Spanish page."""
    if page is None:
        return ""
    version = in_language(page, context.get("request"))
    return version.url if version is not None else page.get_url(context.get("request"))


@register.simple_tag(takes_context=True)
def localized_links(context, links):
    """[(label, url, lang), ...] for [(label, page), ...]: in another language than English,
    each page's version in that language, under its own title, where there is one; where
    there is none, the English page under its English label, and lang is "en" (else "")."""
    request = context.get("request")
    english = (translation.get_language() or default_language()) == default_language()
    found = []
    for label, page in links:
        version = None if english else in_language(page, request)
        if version is not None:
            found.append((version.title or label, version.url, ""))
        else:
            found.append((label, page.get_url(request), "" if english else default_language()))
    return found
