from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from content.translations.languages import active_locale_id

from .promotions import promotions
from .sections import section_anchor


def search_terms(query):
    """The query without what breaks full-text search syntax: double quotes (an unclosed
    one is an SQL error in SQLite's FTS) and control characters such as NUL."""
    printable = "".join(ch if ch.isprintable() and ch != '"' else " " for ch in query)
    return " ".join(printable.split())


@dataclass
class Hit:
    """One result as the template shows it."""

    title: str
    url: str
    description: str = ""
    promoted: bool = False


def page_hit(request, page, query, description="", promoted=False):
    """A result for a page, linking to the section that answers the query best (for a
    promoted page, the query and what its description says it is about)."""
    url = page.get_url(request=request) or ""
    anchor = section_anchor(page, query, hint=description)
    return Hit(
        title=page.title,
        url=f"{url}#{anchor}" if anchor and url else url,
        description=description or getattr(page, "meta_description", "") or "",
        promoted=promoted,
    )


def promoted_hit(request, promotion, query):
    if promotion.live_page is not None:
        return page_hit(request, promotion.live_page, query, promotion.description, True)
    url = promotion.external_link_url
    return Hit(promotion.external_link_text or url, url, promotion.description, True)


@require_GET
def search(request):
    """Site search over live, public pages with Wagtail's search backend, the pages editors
    promoted for the query first (on the first page of results, and not again below).

    Only pages in the visitor's language (the address's: /es/search/ is Spanish) are found,
    promoted ones included."""
    # NUL is never part of a word, and PostgreSQL refuses it in any text it is given.
    query = request.GET.get("q", "").replace("\x00", "").strip()
    max_length = settings.SEARCH_QUERY_MAX_LENGTH
    context = {"search_query": query, "search_query_max_length": max_length}
    terms = search_terms(query)
    if len(query) > max_length:
        context["message"] = _(
            "Your search is too long. Please use %(max_length)s characters or fewer."
        ) % {"max_length": max_length}
    elif terms:
        locale_id = active_locale_id()
        promoted = promotions(query, terms, locale_id=locale_id)
        pages = Page.objects.live().public().filter(locale_id=locale_id).specific()
        promoted_ids = [p.live_page.pk for p in promoted if p.live_page is not None]
        if promoted_ids:
            pages = pages.exclude(id__in=promoted_ids)
        paginator = Paginator(pages.search(terms), settings.SEARCH_RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
        first_page = results.number == 1
        hits = [promoted_hit(request, p, terms) for p in promoted] if first_page else []
        hits += [page_hit(request, page, terms) for page in results]
        context.update(
            results=results,
            hits=hits,
            result_count=paginator.count + len(promoted),
            # Numbering carries on from the first page, which also lists the promotions.
            list_start=1 if first_page else results.start_index() + len(promoted),
        )
    return TemplateResponse(request, "pages/search_results.html", context)
