"""One query for every page that a page links to, however many blocks hold the links.

Wagtail looks linked pages up once per rich-text value and once per stream field, so a
long page with many internal links would cost a query per paragraph. While a page is
served, `prefetched_pages` holds every page its stream fields link to, fetched at once when
the first link is resolved (a page whose sections come from the fragment cache resolves
none), and the rich-text link handler and the call-to-action chooser read from it.
"""

import json
import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property

from wagtail.blocks import PageChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

_prefetched = ContextVar("prefetched_linked_pages", default=None)

# Page ids as they stand in a stream field's JSON: rich-text links and chooser blocks.
PAGE_ID_PATTERNS = (
    re.compile(r'linktype=\\"page\\" id=\\"(\d+)\\"'),
    re.compile(r'"page": (\d+)'),
)


def linked_page_ids(page):
    ids = set()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            raw = json.dumps(field.get_prep_value(getattr(page, field.name)))
            for pattern in PAGE_ID_PATTERNS:
                ids.update(int(found) for found in pattern.findall(raw))
    return ids


class LinkedPages:
    def __init__(self, page):
        self.page = page

    @cached_property
    def by_id(self):
        ids = linked_page_ids(self.page)
        return {page.pk: page for page in Page.objects.filter(pk__in=ids)} if ids else {}


@contextmanager
def prefetched_pages(page):
    token = _prefetched.set(LinkedPages(page))
    try:
        yield
    finally:
        _prefetched.reset(token)


def _lookup(ids):
    """The prefetched pages for these ids, or None when the prefetch does not cover them."""
    linked = _prefetched.get()
    if linked is None:
        return None
    pages = linked.by_id
    wanted = [int(i) if i else None for i in ids]
    if any(i is not None and i not in pages for i in wanted):
        return None
    return [pages.get(i) for i in wanted]


class PrefetchedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        found = _lookup(attrs.get("id") for attrs in attrs_list)
        return found if found is not None else super().get_many(attrs_list)


class LinkedPageChooserBlock(PageChooserBlock):
    def bulk_to_python(self, values):
        values = list(values)
        found = _lookup(values)
        return found if found is not None else super().bulk_to_python(values)
