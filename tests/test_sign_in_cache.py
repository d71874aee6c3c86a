"""Settings → Cache: only a superuser empties the page cache, only by POST with the CSRF
token; a GET, a colleague without superuser rights, or a form on another site, never."""

import pytest
from django.test import Client
from django.urls import reverse

from .test_sign_in_support import make_staff

CACHE_HEADER = "X-Wagtail-Cache"
INDEX_URL = "/admin/cache/"
CLEAR_URL = "/admin/cache/clearcache"


@pytest.fixture
def cached_page(client, contact, procedure_page):
    client.get(procedure_page.url)
    assert client.get(procedure_page.url)[CACHE_HEADER] == "hit"
    return procedure_page.url


def still_cached(url):
    return Client().get(url)[CACHE_HEADER] == "hit"


def signed_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.fixture
def superuser_client(db):
    return signed_in(make_staff("chief", group=None, is_superuser=True))


def csrf_token(client):
    """The token the Cache page's form carries, as a browser would send it."""
    page = client.get(INDEX_URL)
    assert page.status_code == 200
    return page.context["csrf_token"]


def test_the_names_lead_to_these_views():
    assert reverse("wagtailcache_admin:index") == INDEX_URL
    assert reverse("wagtailcache_admin:clearcache") == CLEAR_URL


def test_a_superuser_empties_the_cache_with_the_pages_form(superuser_client, cached_page):
    page = superuser_client.get(INDEX_URL).content.decode()
    assert f'<form method="post" action="{CLEAR_URL}">' in page
    assert f'href="{CLEAR_URL}"' not in page  # no link: a link is a GET
    response = superuser_client.post(
        CLEAR_URL, {"csrfmiddlewaretoken": csrf_token(superuser_client)}, follow=True
    )
    assert response.redirect_chain == [(INDEX_URL, 302)]
    assert "The page cache is empty" in response.content.decode()
    assert not still_cached(cached_page)


def test_a_get_never_empties_the_cache(superuser_client, cached_page):
    assert superuser_client.get(CLEAR_URL).status_code == 405
    assert still_cached(cached_page)


def test_a_post_without_the_csrf_token_is_refused(superuser_client, cached_page):
    assert superuser_client.post(CLEAR_URL).status_code == 403
    assert still_cached(cached_page)


def test_a_form_on_another_site_is_refused(superuser_client, cached_page):
    """Even with a valid token, a POST whose Origin is another site fails Django's check."""
    token = csrf_token(superuser_client)
    response = superuser_client.post(
        CLEAR_URL,
        {"csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://evil.example",
        secure=True,
        HTTP_REFERER="https://evil.example/page",
    )
    assert response.status_code == 403
    assert still_cached(cached_page)


@pytest.mark.parametrize("group", ["Site administrators", "Editors", "Clinical reviewers"])
def test_staff_who_are_not_superusers_cannot_empty_it_or_see_the_page(db, cached_page, group):
    client = signed_in(make_staff("colleague", group=group))
    client.cookies["csrftoken"] = token = "t" * 32  # a valid token: only the rights are missing
    refused = client.post(CLEAR_URL, {"csrfmiddlewaretoken": token})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert still_cached(cached_page)
    # (The dashboard is opened only now: it may save a missing site setting, which empties
    # the cache by itself.)
    response = client.get(INDEX_URL, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "do not have permission" in response.content.decode()
    assert INDEX_URL not in response.content.decode()  # nor in the menu


def test_the_menu_shows_cache_to_superusers(superuser_client):
    assert INDEX_URL in superuser_client.get("/admin/").content.decode()
