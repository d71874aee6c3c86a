"""Promoted results: the pages editors pin to a query under Settings → Promoted search
results (Wagtail's search_promotions).

Wagtail's own lookup, `Query.get(query_string)` (and its `get_search_promotions` template
tag), creates a Query row for every distinct query it is given, and `add_hit()` a row per
query per day: on a public page that is a table any bot can fill. Here the promotions are
only read, matched on the query string normalised exactly as `Query.save()` stores it.
"""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string


def query_strings(*queries):
    """The stored forms a query can take: as typed, and as the search ran it."""
    return {normalise_query_string(query) for query in queries if query}


def promotions(*queries, locale_id=None):
    """The query's promotions that point at a live public page (in the locale, when one is
    given) or an external link, in the editors' order, each with `.live_page`: the specific
    page, or None for a link. A few queries, and none that write."""
    found = list(
        SearchPromotion.objects.filter(query__query_string__in=query_strings(*queries))
        .order_by("sort_order", "pk")
        .only("page_id", "external_link_url", "external_link_text", "description")
    )
    page_ids = {promotion.page_id for promotion in found if promotion.page_id}
    pages = Page.objects.live().public()
    if locale_id is not None:
        pages = pages.filter(locale_id=locale_id)
    pages = pages.specific().in_bulk(page_ids) if page_ids else {}
    shown, seen = [], set()
    for promotion in found:
        key = promotion.page_id or promotion.external_link_url
        if key in seen or (promotion.page_id and promotion.page_id not in pages):
            continue
        if not promotion.page_id and not promotion.external_link_url:
            continue
        seen.add(key)
        promotion.live_page = pages.get(promotion.page_id)
        shown.append(promotion)
    return shown
