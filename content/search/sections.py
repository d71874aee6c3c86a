"""Which section of a page answers a search best, so that a result can link straight to it:
"cost" to /star-procedure/#costs rather than to the top of a long page.

Each section (and each part of one, such as "On the day") is scored on the query's words,
reduced to their stems as the search index reduces them (stemming.py), common words left
out. The score is BM25's, as SQLite's index ranks pages: a word counts for more when few
sections use it, repeats count for less and less, and a match in a short section counts for
more than one in a long section. A word in the heading counts three times. The best
section wins; when no section holds any of the words, the result links to the page. A
promoted result's description adds its words at half weight, so an editor can say which
section a promotion is for ("How long it takes on the day" for "how long").

Reading a page's sections costs a few queries (its references, care team, the pictures in
its stream fields) and a few ms, so each page's counts are kept with its rendered sections
until the page or anything it shows changes: a search then costs no more queries per
result.
"""

import logging
import math
import re
import unicodedata
from collections import Counter

from django.core.cache import caches
from django.utils.html import strip_tags

from content.pages.structured_data import stream_text

from .stemming import stem

logger = logging.getLogger(__name__)

HEADING_WEIGHT = 3
MAX_QUERY_WORDS = 12
# A promoted result's description counts too, for less (see best_anchor).
HINT_WEIGHT = 0.5
MAX_HINT_WORDS = 24
# Emptied whenever what a page shows changes (settings.CACHES, content/serving/signals.py).
CACHE = "template_fragments"
# BM25's usual constants: how fast repeats stop counting, how much length matters.
K1 = 1.2
B = 0.75

# Words that say little about which section answers a question.
COMMON_WORDS = """
    a about all also am an and any are as at be because been being but by can could did
    do does doing done for from get got had has have having he her here him his how
    i if in into is it its just me my of on or our she should so some such than that
    the their them then there these they this those to too very was we were what
    when where which while who whom why will with would you your yours
"""
# Not in the list, because they name sections: "before", "after", "other", "out", "day".
STOP_WORDS = frozenset(COMMON_WORDS.split())
WORD = re.compile(r"\w+")


def words(text):
    """The stems of the words in a text, common words left out. Accents are dropped and
    case folded, as the index's unicode61 tokenizer does."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in folded if not unicodedata.combining(char))
    return [stem(word) for word in WORD.findall(folded) if word not in STOP_WORDS]


def query_words(query):
    """A query's distinct stems, in order, at most MAX_QUERY_WORDS of them."""
    return list(dict.fromkeys(words(query)))[:MAX_QUERY_WORDS]


def body_text(body):
    """A section's words as plain text, whatever the section holds: a stream field, a
    string (such as the summary), or a list of strings or of objects (references,
    clinicians, the address lines)."""
    if body is None:
        return ""
    if isinstance(body, str):
        return strip_tags(body)
    if hasattr(body, "stream_block"):
        return stream_text(body)
    try:
        return " ".join(body_text(item) if isinstance(item, str) else str(item) for item in body)
    except TypeError:  # not a list after all
        return str(body)


def candidates(sections):
    """(anchor, heading words, body words) for each section and each of its parts."""
    for section in sections:
        yield section.anchor, words(str(section.heading or "")), words(body_text(section.body))
        yield from candidates(section.parts or ())


def weighted_terms(query, hint=""):
    """The query's stems, each weighing 1, and a hint's other stems, each weighing less."""
    terms = dict.fromkeys(query_words(query), 1.0)
    for term in list(dict.fromkeys(words(hint)))[:MAX_HINT_WORDS]:
        terms.setdefault(term, HINT_WEIGHT)
    return terms


def section_counts(sections):
    """For each section and part: its anchor, how often each stem occurs in it (a heading's
    counting HEADING_WEIGHT times), and its length in stems, weighted the same way."""
    counted = []
    for anchor, heading, body in candidates(sections):
        counts = Counter(body)
        for word in heading:
            counts[word] += HEADING_WEIGHT
        counted.append((anchor, dict(counts), len(body) + HEADING_WEIGHT * len(heading)))
    return counted


def best_of(counted, terms):
    """BM25 over the counted sections: the best-scoring section's anchor, or None."""
    if not counted or not terms:
        return None
    average_length = sum(length for _, _, length in counted) / len(counted) or 1
    holding = {term: sum(1 for _, counts, _ in counted if term in counts) for term in terms}
    best, best_score = None, 0.0
    for anchor, counts, length in counted:
        norm = K1 * (1 - B + B * length / average_length)
        score = 0.0
        for term, weight in terms.items():
            frequency = counts.get(term, 0)
            if frequency:
                rarity = math.log(1 + (len(counted) - holding[term] + 0.5) / (holding[term] + 0.5))
                score += weight * rarity * frequency * (K1 + 1) / (frequency + norm)
        if score > best_score:
            best, best_score = anchor, score
    return best


def best_anchor(sections, query, hint=""):
    """The anchor of the section that answers the query best, or None.

    A hint (a promoted result's description) adds its words at a lower weight: it says
    what the editor meant the query to find."""
    return best_of(section_counts(sections), weighted_terms(query, hint))


def page_counts(page):
    """section_counts of a live page, kept with the rendered pages: reading the sections
    costs queries (references, care team, pictures in the stream fields) and some ms, and
    that cache is emptied whenever what a page shows changes (content/serving/signals.py)."""
    cache = caches[CACHE]
    key = f"search-sections:{page.pk}:{page.live_revision_id}"
    counted = cache.get(key)
    if counted is None:
        counted = section_counts(page.sections())
        cache.set(key, counted)
    return counted


def section_anchor(page, query, hint=""):
    """The anchor a search result for this page should link to, or None for the page itself.

    Never raises: a page whose sections cannot be read links to its top.
    """
    if not callable(getattr(page, "sections", None)):
        return None
    terms = weighted_terms(query, hint)
    if not terms:
        return None
    try:
        return best_of(page_counts(page), terms)
    except Exception:  # a result without an anchor beats an error page
        logger.exception("Could not match the query to a section of %r", page)
        return None
