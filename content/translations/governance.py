"""Where a translation stands: checked by a translator or not, and in step with its English
page or behind it. Used by the page templates (the line visitors see), the review report,
the dashboard and load_content.

- `translation_is_checked(page)`: True for an English page, and for a translation whose
  "translation checked by" is filled in.
- `english_version_date(page)`: the date of an English page's current version: its last
  clinical approval (last_reviewed), or, for a page never reviewed or of a type without
  clinical review, the day it was last published.
- `translation_status(page)`: what visitors and the report are told about a translation.
"""

from dataclasses import dataclass

from django.core.cache import caches
from django.utils import timezone

from .languages import default_language, is_translation, locale_id

rendered = caches["template_fragments"]


def translation_is_checked(page):
    """Whether a qualified medical translator has checked this page (always, for English).

    A translated page of a type without the translation fields counts as not checked."""
    if not is_translation(page):
        return True
    return bool((getattr(page, "translation_checked_by", "") or "").strip())


def english_version_date(page):
    """The date of the English page's version that translations should follow."""
    reviewed = getattr(page, "last_reviewed", None)
    if reviewed:
        return reviewed
    published = page.last_published_at
    return timezone.localdate(published) if published else None


def english_source(page):
    """The live English page this one translates, or None."""
    return (
        page.get_translations()
        .filter(locale_id=locale_id(default_language()))
        .live()
        .public()
        .specific()
        .first()
    )


@dataclass(frozen=True)
class TranslationStatus:
    checked: bool
    checked_by: str
    checked_on: object  # date or None
    translated_from: object  # date or None
    english_url: str  # the live English page's address, or ""
    english_date: object  # the date of the English page's current version, or None

    @property
    def out_of_date(self):
        """The English page has a newer (approved) version than the one translated. Unknown,
        and so not claimed, while the translation records no English version."""
        if not self.english_url or self.english_date is None or self.translated_from is None:
            return False
        return self.english_date > self.translated_from


def translation_status(page):
    """The translation's record and how it compares with the English, or None for a page
    that is not a translation.

    What the English page is at is kept with the rendered pages (template_fragments, emptied
    whenever a publish changes what other pages show of a page, its address and the day of
    its last publish included), so a translation's page view costs no query for it."""
    if not is_translation(page):
        return None
    key = f"english-version:{page.pk}"
    english_url, english_date = rendered.get(key) or (None, None)
    if english_url is None:
        english = english_source(page)
        english_url = (english.get_url() or "") if english is not None else ""
        english_date = english_version_date(english) if english is not None else None
        rendered.set(key, (english_url, english_date))
    return TranslationStatus(
        checked=translation_is_checked(page),
        checked_by=(getattr(page, "translation_checked_by", "") or "").strip(),
        checked_on=getattr(page, "translation_checked_on", None),
        translated_from=getattr(page, "translated_from_date", None),
        english_url=english_url,
        english_date=english_date,
    )


def is_out_of_date(page):
    status = translation_status(page)
    return bool(status and status.out_of_date)


def translated_page_models():
    """The page types that keep a translation's record."""
    from django.apps import apps
    from wagtail.models import Page

    from .models import TranslationReviewMixin

    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslationReviewMixin) and issubclass(model, Page)
    ]


def with_translation_status(pages):
    """The pages annotated, in one query, for reports: translated_from (the English version
    a translation follows), english_version_on (the date of its English page's current
    version: last clinical review, else last publication) and translation_out_of_date
    (a translation whose English page has a newer version than the one it records)."""
    from django.db.models import BooleanField, Case, F, OuterRef, Q, Subquery, Value, When
    from django.db.models.functions import Coalesce, TruncDate
    from wagtail.models import Page

    models = translated_page_models()
    reviewed = [m._meta.model_name for m in models if hasattr(m, "last_reviewed")]
    english = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale_id=locale_id(default_language()),
        live=True,
    ).annotate(
        version_on=Coalesce(
            *(F(f"{name}__last_reviewed") for name in reviewed), TruncDate("last_published_at")
        )
    )
    english_version_on = Subquery(english.values("version_on")[:1])
    names = [model._meta.model_name for model in models]
    return pages.annotate(
        translated_from=Coalesce(*(F(f"{name}__translated_from_date") for name in names)),
        english_version_on=english_version_on,
    ).annotate(
        translation_out_of_date=Case(
            When(
                ~Q(locale_id=locale_id(default_language()))
                & Q(english_version_on__isnull=False, translated_from__isnull=False)
                & Q(english_version_on__gt=F("translated_from")),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
