"""The same page in each language: for `hreflang` links, the language switcher and the
sitemap.

A page's versions are its live, public translations (its own included). The switcher offers
every other language: the same page in it when there is one, or that language's home page.
What a page's versions are is kept with the rendered pages (template_fragments, emptied on
any content change by content/serving/signals.py), so it costs no query after the first.
"""

from dataclasses import dataclass

from django.core.cache import caches
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from .languages import default_language, language_name, languages, locale_ids, localized_root

rendered = caches["template_fragments"]


@dataclass(frozen=True)
class Version:
    language: str
    url: str  # relative to the site, for links
    full_url: str  # absolute, for hreflang
    title: str = ""

    @property
    def name(self):
        return language_name(self.language)


def versions_of(page, request=None):
    """The page's live, public versions, one per language, in the order of LANGUAGES."""
    key = f"alternates:{page.pk}"
    found = rendered.get(key)
    if found is None:
        found = tuple(compute_versions(page, request))
        rendered.set(key, found)
    return found


def compute_versions(page, request):
    codes = {locale: code for code, locale in locale_ids().items()}
    pages = {
        codes.get(version.locale_id): version
        for version in Page.objects.filter(translation_key=page.translation_key)
        .live()
        .public()
        .only("id", "title", "url_path", "locale_id", "translation_key", "path", "depth")
    }
    for code, _name in languages():
        version = pages.get(code)
        if version is None:
            continue
        url = version.get_url(request)
        full_url = version.get_full_url(request)
        if url and full_url:
            yield Version(code, url, full_url, version.title)


def hreflang_links(versions):
    """[(hreflang, absolute url), ...]: every version, then x-default (the English one).

    Only for a page that exists in more than one language: the links must be reciprocal,
    and a page alone in its language has nothing to point to."""
    if len(versions) < 2:
        return []
    links = [(version.language, version.full_url) for version in versions]
    default = next((v for v in versions if v.language == default_language()), versions[0])
    return [*links, ("x-default", default.full_url)]


def home_urls(request):
    """{language code: its live home page's address}, for the languages that have one."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {}
    key = f"language-homes:{site.pk}"
    found = rendered.get(key)
    if found is None:
        found = {}
        for code, _name in languages():
            root = localized_root(site, code)
            url = root.get_url(request) if root is not None else None
            if url:
                found[code] = url
        rendered.set(key, found)
    return found


@dataclass(frozen=True)
class SwitcherLink:
    language: str
    url: str

    @property
    def name(self):
        return language_name(self.language)


def switcher_links(request, page=None, alternate_urls=None):
    """The links to the other languages: the same page in each, else that language's home.

    `alternate_urls` ({language: url}) overrides both, for views that know better (the
    "page not found" page names the English page that matches the address)."""
    current = translation.get_language() or default_language()
    same_page = {}
    if page is not None and hasattr(page, "translation_key"):
        same_page = {version.language: version.url for version in versions_of(page, request)}
    elif request is not None and page is None:
        same_page = same_view_urls(request)
    same_page.update(alternate_urls or {})
    homes = home_urls(request)
    links = []
    for code, _name in languages():
        if code == current:
            continue
        url = same_page.get(code) or homes.get(code)
        if url:
            links.append(SwitcherLink(code, url))
    return links


def same_view_urls(request):
    """For addresses that are not pages (search): the same view in each language, with the
    same query. None for an address that resolves to no view."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name in (None, "wagtail_serve"):
        return {}
    path = request.get_full_path()
    found = {}
    for code, _name in languages():
        url = translate_url(path, code)
        if url != path or code == translation.get_language():
            found[code] = url
    return found


def in_language(page, request=None, language=None):
    """The page's version in the language (by default the active one), or None."""
    language = language or translation.get_language() or default_language()
    return next((v for v in versions_of(page, request) if v.language == language), None)
