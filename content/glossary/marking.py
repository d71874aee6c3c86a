"""Mark the first use of each glossary term on a patient page, as a link to its entry.

The marking works on the served HTML of <main>, after the page is rendered, so that it
sees the page exactly as a patient does and marks each term once per page, whichever
block it stands in. Words in headings, links, the "On this page" list, question titles
and the reference list are left alone.

The marked word becomes a link to the glossary page's entry (works with no JavaScript);
the link is described by the definition (aria-describedby), so a screen reader reads the
plain meaning without leaving the page. The definitions sit in a hidden block that the
readability measure skips, so marking changes no word that the measure counts.

The term list and the glossary page's address come from the cached glossary (terms.py).
The marked <main> is cached too, keyed by its content and the glossary's version.
"""

import hashlib

from bs4 import BeautifulSoup, NavigableString
from django.core.cache import cache

from .terms import CACHE_KEY, current_glossary

MARKED_CACHE_SECONDS = 24 * 60 * 60
# Where a word is never marked: a link cannot hold a link, and headings, navigation,
# question titles and the reference list must stay as the editor wrote them.
SKIPPED_PARENTS = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "summary", "dfn", "button"}
SKIPPED_SELECTOR = (
    "[data-readability='skip'], script, style, template, "
    ".callout__label, .callout__heading, .steps__title"  # styled as headings
)


def mark_terms(html, glossary):
    """The page's HTML with the first use of each term in <main> linked to its entry.

    Parsing and marking take tens of milliseconds on a long page, so the marked <main> is
    cached by its content and the glossary's version: a page costs it once per change.
    """
    start, end = html.find("<main"), html.find("</main>")
    if not glossary.entries or not glossary.url or start < 0 or end < 0:
        return html
    end += len("</main>")
    main = html[start:end]
    digest = hashlib.blake2b(main.encode(), digest_size=16).hexdigest()
    key = f"{CACHE_KEY}:marked:{glossary.version}:{digest}"
    marked = cache.get(key)
    if marked is None:
        marked = mark_main(main, glossary)
        cache.set(key, marked, timeout=MARKED_CACHE_SECONDS)
    return html if marked == main else html[:start] + marked + html[end:]


def mark_main(main_html, glossary):
    soup = BeautifulSoup(main_html, "html.parser")
    used = mark_first_uses(soup, glossary, glossary.pattern())
    if not used:
        return main_html
    soup.find("main").append(definitions_block(soup, used))
    return str(soup)


def mark_first_uses(soup, glossary, pattern):
    skipped = {id(element) for element in soup.select(SKIPPED_SELECTOR)}
    used = []
    for text in list(soup.find_all(string=True)):
        if type(text) is not NavigableString or in_skipped_place(text, skipped):
            continue
        node = text
        while node is not None:
            node = mark_in_text(soup, node, glossary, pattern, used)
    return used


def in_skipped_place(text, skipped):
    return any(parent.name in SKIPPED_PARENTS or id(parent) in skipped for parent in text.parents)


def mark_in_text(soup, node, glossary, pattern, used):
    """Mark the first unused term in this text node. Returns the text after it, or None."""
    for match in pattern.finditer(str(node)):
        entry = glossary.entry_for(match.group())
        if entry is None or entry in used:
            continue
        used.append(entry)
        text = str(node)
        link = soup.new_tag(
            "a",
            attrs={
                "href": f"{glossary.url}#{entry.anchor}",
                "class": "glossary-term",
                "aria-describedby": f"define-{entry.anchor}",
            },
        )
        link.string = match.group()
        after = NavigableString(text[match.end() :])
        node.replace_with(NavigableString(text[: match.start()]), link, after)
        return after
    return None


def definitions_block(soup, used):
    """The hidden definitions that the links' aria-describedby point to."""
    block = soup.new_tag(
        "div", attrs={"hidden": "", "data-readability": "skip", "class": "glossary-definitions"}
    )
    for entry in used:
        item = soup.new_tag("p", attrs={"id": f"define-{entry.anchor}"})
        item.string = f"{entry.term}: {entry.definition}"
        block.append(item)
    return block


class GlossaryMarkingMixin:
    """For patient pages: link the first use of each glossary term to its entry."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            if hasattr(response, "render"):
                response.render()
            html = response.content.decode(response.charset)
            marked = mark_terms(html, current_glossary())
            if marked != html:
                response.content = marked.encode(response.charset)
        return response
