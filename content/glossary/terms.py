"""The live glossary as pages use it: every term's forms and definition, and the glossary
page's address, kept in Django's cache so that a page view costs no query for them.

signals.py clears the cache when a term or the glossary page changes.
"""

import re
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

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
    """The glossary terms and page address, from the cache (filled on first use)."""
    glossary = cache.get(CACHE_KEY)
    if glossary is None:
        glossary = load_glossary()
        cache.set(CACHE_KEY, glossary, timeout=None)
    return glossary


def load_glossary():
    entries = tuple(
        Entry(term.term, term.anchor, term.definition, tuple(term.forms))
        for term in GlossaryTerm.objects.filter(live=True)
    )
    page = GlossaryPage.objects.live().public().first()
    return Glossary(
        entries=entries, url=(page.get_url() or "") if page else "", version=uuid.uuid4().hex
    )


def forget_glossary():
    """Clear the cached glossary now, and again once the change is committed, so that a
    request reading the old rows mid-transaction cannot leave them cached."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
