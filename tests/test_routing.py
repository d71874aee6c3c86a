"""Routing from a remembered route: one query instead of Wagtail's walk down the tree,
and never a page that has since moved, been unpublished or deleted."""

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from .conftest import parse

FRESH = "?page=1"  # any query string: the full-page cache is skipped, the page is rendered


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries]


def test_a_remembered_route_saves_the_walk_down_the_tree(client, contact, procedure_page):
    url = procedure_page.url + FRESH
    first = queries_for(client, url)
    second = queries_for(client, url)
    assert len(second) <= len(first) - 3
    assert not any('FROM "wagtailcore_site"' in sql for sql in second)
    page = parse(client.get(url))
    assert page.h1.get_text(strip=True) == procedure_page.title


def test_an_unpublished_page_is_not_served_from_its_remembered_route(client, procedure_page):
    url = procedure_page.url + FRESH
    assert client.get(url).status_code == 200
    Page.objects.filter(pk=procedure_page.pk).update(live=False)  # no signal: nothing emptied
    assert client.get(url).status_code == 404


def test_a_moved_page_is_not_served_at_its_old_address(client, procedure_page, standard_page):
    old_url = procedure_page.url + FRESH
    assert client.get(old_url).status_code == 200
    cache = rendered_cache()
    remembered, expiry = dict(cache._cache), dict(cache._expire_info)
    procedure_page.move(standard_page, pos="last-child")
    cache._cache.update(remembered)  # as if the move had not emptied the cache
    cache._expire_info.update(expiry)
    moved = client.get(old_url)
    assert (moved.status_code, moved["Location"]) == (301, "/accessibility/star/")


def test_a_deleted_page_is_not_served_from_its_remembered_route(client, standard_page):
    url = standard_page.url + FRESH
    assert client.get(url).status_code == 200
    Page.objects.filter(pk=standard_page.pk).delete()
    assert client.get(url).status_code == 404


def test_made_up_addresses_are_not_remembered(client, home):
    for n in range(20):
        assert client.get(f"/no-such-page-{n}/").status_code == 404
    assert not [key for key in rendered_cache()._cache if ":route:" in key]


def rendered_cache():
    return caches["template_fragments"]  # LocMemCache in tests: its dictionary is readable
