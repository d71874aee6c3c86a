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

from django.utils import timezone
from wagtail.models import Locale

from .forms import is_translation


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
        .filter(locale=Locale.get_default())
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
    english_page: object  # the live English page, or None
    english_date: object  # the date of the English page's current version, or None

    @property
    def out_of_date(self):
        """The English page has a newer (approved) version than the one translated."""
        if self.english_page is None or self.english_date is None:
            return False
        return self.translated_from is None or self.english_date > self.translated_from


def translation_status(page):
    """The translation's record and how it compares with the English, or None for a page
    that is not a translation."""
    if not is_translation(page):
        return None
    english = english_source(page)
    return TranslationStatus(
        checked=translation_is_checked(page),
        checked_by=(getattr(page, "translation_checked_by", "") or "").strip(),
        checked_on=getattr(page, "translation_checked_on", None),
        translated_from=getattr(page, "translated_from_date", None),
        english_page=english,
        english_date=english_version_date(english) if english is not None else None,
    )


def is_out_of_date(page):
    status = translation_status(page)
    return bool(status and status.out_of_date)
