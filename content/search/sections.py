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

Reading the text costs no database queries for a page's own fields; `sections()` itself
may look up a page's references and care team (a query or two per sectioned page).
"""

import logging
import math
import re
import unicodedata
from collections import Counter

from django.utils.html import strip_tags

from content.pages.structured_data import stream_text

from .stemming import stem

logger = logging.getLogger(__name__)

HEADING_WEIGHT = 3
MAX_QUERY_WORDS = 12
# A promoted result's description counts too, for less (see best_anchor).
HINT_WEIGHT = 0.5
MAX_HINT_WORDS = 24
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


def best_anchor(sections, query, hint=""):
    """The anchor of the section that answers the query best, or None.

    A hint (a promoted result's description) adds its words at a lower weight: it says
    what the editor meant the query to find."""
    terms = weighted_terms(query, hint)
    if not terms:
        return None
    scored = []
    for anchor, heading, body in candidates(sections):
        counts = Counter(body)
        for word in heading:
            counts[word] += HEADING_WEIGHT
        length = len(body) + HEADING_WEIGHT * len(heading)
        scored.append((anchor, {term: counts[term] for term in terms if counts[term]}, length))
    if not scored:
        return None
    average_length = sum(length for _, _, length in scored) / len(scored) or 1
    best, best_score = None, 0.0
    for anchor, found, length in scored:
        score = 0.0
        for term, frequency in found.items():
            holding = sum(1 for _, other, _ in scored if term in other)
            rarity = math.log(1 + (len(scored) - holding + 0.5) / (holding + 0.5))
            norm = K1 * (1 - B + B * length / average_length)
            score += terms[term] * rarity * frequency * (K1 + 1) / (frequency + norm)
        if score > best_score:
            best, best_score = anchor, score
    return best


def section_anchor(page, query, hint=""):
    """The anchor a search result for this page should link to, or None for the page itself.

    Never raises: a page whose sections cannot be read links to its top.
    """
    sections = getattr(page, "sections", None)
    if not callable(sections):
        return None
    try:
        return best_anchor(sections(), query, hint)
    except Exception:  # a result without an anchor beats an error page
        logger.exception("Could not match the query to a section of %r", page)
        return None
