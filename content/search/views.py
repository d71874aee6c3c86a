from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page


def search_terms(query):
    """The query without what breaks full-text search syntax: double quotes (an unclosed
    one is an SQL error in SQLite's FTS) and control characters such as NUL."""
    printable = "".join(ch if ch.isprintable() and ch != '"' else " " for ch in query)
    return " ".join(printable.split())


@require_GET
def search(request):
    """Site search over live, public pages with Wagtail's search backend."""
    query = request.GET.get("q", "").strip()
    max_length = settings.SEARCH_QUERY_MAX_LENGTH
    context = {"search_query": query, "search_query_max_length": max_length}
    if len(query) > max_length:
        context["message"] = (
            f"Your search is too long. Please use {max_length} characters or fewer."
        )
    elif search_terms(query):
        results = Page.objects.live().public().specific().search(search_terms(query))
        paginator = Paginator(results, settings.SEARCH_RESULTS_PER_PAGE)
        context["results"] = paginator.get_page(request.GET.get("page"))
        context["result_count"] = paginator.count
    return TemplateResponse(request, "pages/search_results.html", context)
