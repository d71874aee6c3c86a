"""The full-page cache serves anonymous visitors fast and never shares what is not theirs."""

import gzip
import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import rich_text

from .conftest import edit_form_data, parse

CACHE_HEADER = "X-Wagtail-Cache"


def stored_entries():
    """Stored responses, from LocMemCache's own dictionary: the number to bound. The content
    versions kept beside them are one per page and two for the site."""
    return sum(1 for key in caches["pages"]._cache if ":version:" not in key)


def benefits(response):
    return parse(response).select_one("#benefits").get_text()


def publish_benefits(admin_client, page, html):
    url, data = edit_form_data(admin_client, page)
    data["benefits-count"] = "1"
    data["benefits-0-type"] = "paragraph"
    data["benefits-0-value"] = rich_text(html)
    data["action-publish"] = "publish"
    assert admin_client.post(url, data).status_code == 302


def test_second_anonymous_visit_is_served_from_the_cache(client, procedure_page):
    first = client.get(procedure_page.url)
    second = client.get(procedure_page.url)
    assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert "Cookie" not in second.get("Vary", "")


def test_public_pages_carry_cdn_friendly_cache_control(client, procedure_page):
    for _miss_then_hit in range(2):
        before = int(time.time())
        response = client.get(procedure_page.url)
        after = int(time.time())
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"public", "max-age=60", "s-maxage=300", "stale-while-revalidate=60"} <= directives
        assert "stale-if-error=86400" in directives
        assert not response.has_header("Expires")
        # nginx's micro-cache keeps it to the end of this second: at most 1 s.
        assert response["X-Accel-Expires"][0] == "@"
        assert before <= int(response["X-Accel-Expires"][1:]) <= after


@pytest.mark.parametrize(("max_age", "seconds_ahead"), [(1, 0), (3, 2)])
def test_nginx_keeps_a_page_at_most_page_proxy_max_age_seconds(
    client, procedure_page, settings, max_age, seconds_ahead
):
    settings.PAGE_PROXY_MAX_AGE = max_age
    before = int(time.time())
    expiry = int(client.get(procedure_page.url)["X-Accel-Expires"].removeprefix("@"))
    assert before + seconds_ahead <= expiry <= int(time.time()) + seconds_ahead


def test_page_proxy_max_age_0_keeps_pages_out_of_nginx(client, procedure_page, settings):
    settings.PAGE_PROXY_MAX_AGE = 0
    assert client.get(procedure_page.url)["X-Accel-Expires"] == "0"


def test_only_shared_pages_may_enter_the_nginx_micro_cache(
    admin_client, client, procedure_page, password_page
):
    assert client.get(procedure_page.url).has_header("X-Accel-Expires")
    assert not admin_client.get(procedure_page.url).has_header("X-Accel-Expires")
    assert not client.get(procedure_page.url + "?page=2").has_header("X-Accel-Expires")
    assert not client.get(password_page.url).has_header("X-Accel-Expires")
    assert not client.get("/no-such-page/").has_header("X-Accel-Expires")


def test_publishing_clears_the_cache(admin_client, client, procedure_page):
    client.get(procedure_page.url)
    publish_benefits(admin_client, procedure_page, "<p>A newly published sentence.</p>")
    response = client.get(procedure_page.url)
    assert response[CACHE_HEADER] == "miss"
    assert "A newly published sentence." in benefits(response)


def test_unpublishing_clears_the_cache(admin_client, client, procedure_page):
    client.get(procedure_page.url)
    url = reverse("wagtailadmin_pages:unpublish", args=(procedure_page.pk,))
    assert admin_client.post(url).status_code == 302
    assert client.get(procedure_page.url).status_code == 404


def test_moving_clears_the_cache(client, procedure_page, standard_page):
    old_url = procedure_page.url
    client.get(old_url)
    procedure_page.move(standard_page, pos="last-child")
    moved = client.get(old_url)  # Wagtail leaves a redirect behind
    assert (moved.status_code, moved["Location"]) == (301, "/accessibility/star/")


def test_deleting_clears_the_cache(admin_client, client, standard_page):
    client.get(standard_page.url)
    url = reverse("wagtailadmin_pages:delete", args=(standard_page.pk,))
    assert admin_client.post(url).status_code == 302
    assert client.get(standard_page.url).status_code == 404


def test_changing_contact_details_clears_the_cache(client, contact, procedure_page):
    client.get(procedure_page.url)
    contact.phone = "555-0177"
    contact.save()
    assert "555-0177" in parse(client.get(procedure_page.url)).select_one("footer").get_text()


def test_a_logged_in_editor_is_never_served_or_stored(admin_client, client, procedure_page):
    client.get(procedure_page.url)  # a stored anonymous copy exists
    editor_view = admin_client.get(procedure_page.url)
    assert editor_view[CACHE_HEADER] == "skip"
    assert parse(editor_view).find("wagtail-userbar") is not None
    anonymous = client.get(procedure_page.url)
    assert anonymous[CACHE_HEADER] == "hit"
    assert parse(anonymous).find("wagtail-userbar") is None


def test_a_draft_preview_is_never_stored(admin_client, client, procedure_page):
    url, data = edit_form_data(admin_client, procedure_page)
    data["benefits-0-value"] = rich_text("<p>A draft only the editor sees.</p>")
    assert admin_client.post(url, data).status_code == 302  # saved as a draft
    draft = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=(procedure_page.pk,)))
    assert "A draft only the editor sees." in benefits(draft)
    before = stored_entries()
    assert draft.get(CACHE_HEADER) != "miss"
    assert stored_entries() == before
    assert "A draft only the editor sees." not in benefits(client.get(procedure_page.url))


@pytest.fixture
def password_page(standard_page):
    """Wagtail's password form: a real page view that carries a CSRF token."""
    PageViewRestriction.objects.create(
        page=standard_page, restriction_type="password", password="open-sesame-42"
    )
    return standard_page


def test_a_form_with_a_csrf_token_or_errors_is_never_shared(client, password_page):
    first = client.get(password_page.url)
    token = parse(first).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert first.cookies and first[CACHE_HEADER] == "skip"
    assert first.get("Content-Encoding") is None  # a secret: never compressed (BREACH)

    form_url = parse(first).find("form")["action"]
    with_errors = client.post(form_url, {"password": "wrong", "csrfmiddlewaretoken": token})
    assert with_errors.status_code == 200
    assert parse(with_errors).select(".error-message, .errorlist, .help-critical")
    assert with_errors.get(CACHE_HEADER) != "miss"

    stranger = Client().get(password_page.url)
    assert stranger[CACHE_HEADER] == "skip"
    assert token not in stranger.content.decode()
    assert stored_entries() == 0


def test_query_strings_cannot_fill_the_cache(client, procedure_page):
    client.get(procedure_page.url)
    before = stored_entries()
    for number in range(50):
        response = client.get(procedure_page.url, {"page": number})
        assert response.status_code == 200
        assert response[CACHE_HEADER] == "skip"
    assert stored_entries() == before
    # Tracking tags are stripped, so campaign links still get the cached page.
    assert client.get(procedure_page.url, {"utm_source": "leaflet"})[CACHE_HEADER] == "hit"


def test_made_up_urls_and_encodings_cannot_fill_the_cache(client, home):
    client.get(home.url)
    before = stored_entries()
    for number in range(20):
        assert client.get(f"/no-such-page-{number}/").status_code == 404
        client.get(home.url, HTTP_ACCEPT_ENCODING=f"gzip, x-made-up-{number}")
    # One more entry at most: the gzip-compressed copy of the home page.
    assert stored_entries() <= before + 2


def test_anonymous_html_is_gzipped_and_editor_html_is_not(admin_client, client, procedure_page):
    response = client.get(procedure_page.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert b"<h1>" in gzip.decompress(response.content)
    again = client.get(procedure_page.url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert again[CACHE_HEADER] == "hit" and again["Content-Encoding"] == "gzip"
    editor = admin_client.get(procedure_page.url, HTTP_ACCEPT_ENCODING="gzip")
    assert editor.get("Content-Encoding") is None


def test_staff_can_empty_the_page_cache_from_the_admin(admin_client, client, procedure_page):
    client.get(procedure_page.url)
    assert admin_client.get(reverse("wagtailcache_admin:index")).status_code == 200
    assert client.get(reverse("wagtailcache_admin:clearcache")).status_code == 302  # to log in
    assert client.get(procedure_page.url)[CACHE_HEADER] == "hit"
    admin_client.post(reverse("wagtailcache_admin:clearcache"))  # POST only: test_sign_in_cache
    assert client.get(procedure_page.url)[CACHE_HEADER] == "miss"


# A CDN in front: purged through wagtail.contrib.frontend_cache.
purged_urls = []


class RecordingPurgeBackend(BaseBackend):
    def purge(self, url):
        purged_urls.append(url)


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.test_page_cache.RecordingPurgeBackend"}
    }
    purged_urls.clear()
    return purged_urls


def live_page_urls():
    return {page.full_url for page in Page.objects.live()} - {None}


@pytest.mark.usefixtures("standard_page")
def test_a_change_only_its_page_shows_purges_only_that_page(
    admin_client, procedure_page, frontend_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_benefits(admin_client, procedure_page, "<p>A newly published sentence.</p>")
    assert frontend_cache == [procedure_page.full_url]


def test_a_change_other_pages_show_purges_every_live_page(
    admin_client, client, procedure_page, standard_page, frontend_cache,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with django_capture_on_commit_callbacks() as after_commit:
        url, data = edit_form_data(admin_client, procedure_page)
        data.update(title="Spine tumor ablation", **{"action-publish": "publish"})
        assert admin_client.post(url, data).status_code == 302
    assert frontend_cache == []  # a purge before the commit would let the old page back in
    # A visitor who asked before the commit could have had the old page stored.
    client.get(standard_page.url)
    for callback in after_commit:
        callback()
    assert set(frontend_cache) == live_page_urls()
    assert {procedure_page.full_url, standard_page.full_url} <= set(frontend_cache)
    assert client.get(standard_page.url)[CACHE_HEADER] == "miss"


def test_unpublishing_purges_the_page_that_left(
    admin_client, procedure_page, frontend_cache, django_capture_on_commit_callbacks
):
    url = reverse("wagtailadmin_pages:unpublish", args=(procedure_page.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url).status_code == 302
    assert procedure_page.full_url in frontend_cache
    assert set(frontend_cache) == live_page_urls() | {procedure_page.full_url}


def test_changing_contact_details_purges_every_live_page(
    contact, procedure_page, frontend_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contact.phone = "555-0177"
        contact.save()
    assert set(frontend_cache) == live_page_urls()
    assert procedure_page.full_url in frontend_cache


def test_nothing_is_purged_unless_a_frontend_cache_is_configured(
    contact, procedure_page, django_capture_on_commit_callbacks
):
    purged_urls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contact.save()
    assert purged_urls == []
