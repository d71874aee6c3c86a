"""Starter content that a named person must confirm before it counts as the hospital's own:
pages whose data names who checks them ("confirm_by"), and starter pictures, tagged for a
clinician's sign-off; and translations (the Spanish pages, the language help taglines and
the settings' Spanish words) that a qualified medical translator must check. The dashboard
lists what is still waiting."""

from pathlib import Path

from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Locale, Page

from content.organisation.models import BrandSettings, ContactSettings, VisitingSettings
from content.organisation.spanish import SPANISH, awaiting_translator
from content.pages.models import LanguageTagline
from content.translations.governance import translation_is_checked
from content.translations.languages import language_name

from .loader import SIGN_OFF_TAG, STARTER_DIR, read_json
from .pages import touched_by_people


def waiting_for_confirmation(directory=STARTER_DIR):
    """[(what, who should check it, admin address), ...], pages first."""
    waiting = []
    for path in sorted(Path(directory, "pages").glob("*.json")):
        data = read_json(path)
        if "confirm_by" not in data:
            continue  # only pages that name who must check them cost a query
        page = Page.objects.filter(slug=data["slug"], depth=3, locale=Locale.get_default()).first()
        if page is not None and not touched_by_people(page):
            url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
            waiting.append((page.title, data["confirm_by"], url))
    for image in Image.objects.filter(tags__name=SIGN_OFF_TAG).order_by("title"):
        url = reverse("wagtailimages:edit", args=(image.pk,))
        waiting.append((image.title, "a clinician", url))
    return waiting


def waiting_for_translator():
    """What a qualified medical translator must still check: live pages in a language
    other than English whose "translation checked by" is empty, and, per Language help
    page, the taglines with no check recorded.

    [(what, language, [unchecked taglines], the page), ...], pages in tree order."""
    waiting = []
    translated = Page.objects.live().exclude(locale=Locale.get_default()).order_by("path")
    for page in translated.select_related("locale").specific():
        if not translation_is_checked(page):
            waiting.append((page.title, language_name(page.locale.language_code), [], page))
    unchecked = LanguageTagline.objects.filter(checked_by="").order_by("page__path", "sort_order")
    by_page = {}
    for tagline in unchecked.select_related("page__locale"):
        by_page.setdefault(tagline.page, []).append(tagline)
    for page, taglines in by_page.items():
        language = language_name(page.locale.language_code)
        waiting.append((f"{page.title}: the taglines", language, taglines, page))
    return waiting


def settings_waiting_for_translator():
    """[(setting model, language), ...]: the settings with Spanish words whose "Spanish
    wording checked by" is empty. Read from the cache, as pages read them: no query."""
    return [
        (model, language_name(SPANISH))
        for model in (ContactSettings, VisitingSettings, BrandSettings)
        # current(), not load(): load() saves a missing row, and saving empties the caches.
        if awaiting_translator(model.current())
    ]
