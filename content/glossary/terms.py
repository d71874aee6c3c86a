"""The live glossary as pages use it: every term's forms and definition, and the glossary
page's address, kept in Django's cache so that a page view costs no query for them.

Each language has its own glossary: the terms and the glossary page of the active
language's locale (a Spanish page is marked with the Spanish terms and links to the Spanish
glossary page).

signals.py clears the cache when a term or the glossary page changes.
"""

import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale

from .models import GlossaryPage, GlossaryTerm

CACHE_KEY = "content:glossary"


@dataclass(frozen=True)
class Entry:
    term: str
    anchor: str
    definition: str
    forms: tuple


@dataclass(frozen=True)
class Glossary:
    entries: tuple
    url: str  # the glossary page's address, or "" when there is no live glossary page
    version: str = ""  # new each time the glossary is loaded: keys the marked-HTML cache

    def pattern(self):
        """One regular expression for every form of every term, longest first."""
        forms = sorted(
            {form for entry in self.entries for form in entry.forms}, key=len, reverse=True
        )
        if not forms:
            return None
        alternatives = "|".join(re.escape(form) for form in forms)
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def entry_for(self, word):
        word = word.lower()
        for entry in self.entries:
            if any(word == form.lower() for form in entry.forms):
                return entry
        return None


def current_glossary():
    """The active language's glossary terms and page address, from the cache (filled on
    first use)."""
    language = translation.get_language() or ""
    key = f"{CACHE_KEY}:{language}"
    glossary = cache.get(key)
    if glossary is None:
        glossary = load_glossary(language)
        cache.set(key, glossary, timeout=None)
    return glossary


def load_glossary(language):
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    entries = tuple(
        Entry(term.term, term.anchor, term.definition, tuple(term.forms))
        for term in GlossaryTerm.objects.filter(live=True, locale=locale)
    )
    page = GlossaryPage.objects.live().public().filter(locale=locale).first()
    return Glossary(
        entries=entries, url=(page.get_url() or "") if page else "", version=uuid.uuid4().hex
    )


def cache_keys():
    return [f"{CACHE_KEY}:{code}" for code, _name in settings.LANGUAGES]


def forget_glossary():
    """Clear the cached glossaries now, and again once the change is committed, so that a
    request reading the old rows mid-transaction cannot leave them cached."""
    cache.delete_many(cache_keys())
    transaction.on_commit(lambda: cache.delete_many(cache_keys()))
