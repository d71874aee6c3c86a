"""Search in the visitor's language: /search/ finds English pages, /es/search/ Spanish ones,
promoted results included; and a Spanish page costs no more queries than an English one."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .conftest import parse

MAX_QUERIES = 10


def result_links(client, path):
    soup = parse(client.get(path))
    return soup, [a["href"].split("#")[0] for a in soup.select(".search-result__title a")]


def test_each_language_searches_its_own_pages(client, spanish_procedure, procedure_page):
    # "cancer" is in both summaries ("cáncer" in Spanish: the index ignores accents).
    soup, english = result_links(client, "/search/?q=cancer")
    assert english == [procedure_page.url]
    soup, spanish = result_links(client, "/es/search/?q=cancer")
    assert spanish == ["/es/procedimiento-star/"]
    assert soup.find("html")["lang"] == "es"
    assert soup.find("h1").get_text() == "Buscar"
    assert "Encontramos 1 página sobre “cancer”." in soup.select_one("[role=status]").get_text()


def test_a_spanish_word_finds_nothing_in_english(client, spanish_procedure):
    _soup, english = result_links(client, "/search/?q=procedimiento")
    assert english == []
    _soup, spanish = result_links(client, "/es/search/?q=procedimiento")
    assert spanish == ["/es/procedimiento-star/"]


def test_promotions_stay_in_their_language(client, spanish_procedure, procedure_page):
    english_query = Query.get("dolor")
    SearchPromotion.objects.create(query=english_query, page=procedure_page, sort_order=0)
    SearchPromotion.objects.create(query=english_query, page=spanish_procedure, sort_order=1)
    soup, english = result_links(client, "/search/?q=dolor")
    assert english == [procedure_page.url]
    soup, spanish = result_links(client, "/es/search/?q=dolor")
    assert spanish == ["/es/procedimiento-star/"]
    assert soup.select_one(".search-result--promoted a")["href"].startswith("/es/")


def test_search_messages_are_in_spanish(client, spanish_home, settings):
    soup = parse(client.get("/es/search/"))
    assert "Escriba una o dos palabras" in soup.select_one("[role=status]").get_text()
    soup = parse(client.get("/es/search/?q=" + "a" * (settings.SEARCH_QUERY_MAX_LENGTH + 1)))
    assert "Su búsqueda es demasiado larga" in soup.select_one("[role=status]").get_text()


def queries(client, url):
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_a_spanish_page_costs_no_more_queries_than_the_english(
    client, contact, spanish_procedure, procedure_page
):
    # A query string bypasses the page cache: the page is rendered each time.
    english = queries(client, procedure_page.url + "?render=1")
    spanish = queries(client, "/es/procedimiento-star/?render=1")
    assert spanish <= MAX_QUERIES
    assert spanish <= english + 1  # the language's own lookups are cached
