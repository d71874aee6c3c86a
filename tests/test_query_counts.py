"""The procedure page costs a fixed, small number of SQL queries, whatever its size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from content.pages.models import ProcedurePageReference, Reference

from .conftest import publish, question

MAX_QUERIES = 10


def count_queries(client, url):
    client.get(url)  # warm: per-process caches (site root paths, renditions) filled once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow(page, home, times):
    """Add blocks of every kind to every section, and more references."""
    for name in ("benefits", "how_it_works", "before", "on_the_day", "after", "risks"):
        getattr(page, name).extend(
            [
                ("paragraph", linked_paragraph(f"More about {name}.", home)),
                ("call_to_action", {"text": "Home", "page": home, "url": "", "description": ""}),
            ]
            * times
        )
    page.questions.extend([("question", question("Q?", "A.")["value"])] * times)
    references = [
        Reference.objects.create(authors=f"Author {i}", title=f"Study {i}") for i in range(times)
    ]
    page.page_references.add(*(ProcedurePageReference(reference=ref) for ref in references))
    publish(page)


def linked_paragraph(text, page):
    return RichText(f'<p>{text} <a linktype="page" id="{page.pk}">Back to the start</a></p>')


def test_procedure_page_renders_in_at_most_ten_queries(
    client, contact, procedure_page, django_assert_max_num_queries
):
    client.get(procedure_page.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(procedure_page.url)


def test_query_count_does_not_grow_with_the_page(client, contact, home, procedure_page):
    # One of every kind first (a linked page costs one batched query), then many more.
    grow(procedure_page, home, times=1)
    before = count_queries(client, procedure_page.url)
    grow(procedure_page, home, times=5)
    after = count_queries(client, procedure_page.url)
    assert after == before <= MAX_QUERIES
