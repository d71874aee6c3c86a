"""Content-Security-Policy and Permissions-Policy headers, through real requests.

Every public response carries the public policy, enforced: from the page cache too, on
error pages, on the form's 403, 429 and thank-you pages. The admin carries its own; a
preview carries the public one, which only the admin may frame. No public page holds an
inline script, style or event handler that the policy would block.
(tests/browser/test_csp*.py checks the same in Chromium.)
"""

import re

import pytest
from django.test import Client
from django.urls import path, reverse

from website import urls as website_urls

from . import test_enquiry_form as enquiry
from .conftest import edit_form_data, parse
from .test_enquiry_form import form_data

enquiry_page = enquiry.enquiry_page
no_minimum_time = enquiry.no_minimum_time  # autouse there, so used by name here

PUBLIC = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
TURNED_OFF = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]


def policy(response, header="Content-Security-Policy"):
    """The header as {directive: sources}."""
    return dict(part.strip().split(None, 1) for part in response[header].split(";"))


@pytest.fixture
def public_pages(client, contact, home, procedure_page, standard_page, enquiry_page):
    return [page.url for page in (home, procedure_page, standard_page, enquiry_page)]


def test_every_public_page_carries_the_policy_enforced(client, public_pages):
    for url in [*public_pages, "/search/?q=pain", "/robots.txt", "/sitemap.xml", "/brand.css"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response) == PUBLIC, url
        assert "Content-Security-Policy-Report-Only" not in response


def test_a_page_from_the_page_cache_carries_it_too(client, public_pages, procedure_page):
    first, second = client.get(procedure_page.url), client.get(procedure_page.url)
    assert second["X-Wagtail-Cache"] == "hit"
    assert policy(second) == policy(first) == PUBLIC


def test_error_and_form_pages_carry_it(client, enquiry_page, settings, rf):
    responses = {
        "404": client.get("/no-such-page/"),
        "thank you": client.post(enquiry_page.url, form_data(client, enquiry_page)),
        "form with errors": client.post(enquiry_page.url, {"your_name": ""}),
        "csrf": Client(enforce_csrf_checks=True).post(enquiry_page.url, {}),
    }
    settings.ENQUIRY_RATE_LIMIT = 0
    responses["429"] = client.post(enquiry_page.url, form_data(client, enquiry_page))
    for name, response in responses.items():
        assert policy(response) == PUBLIC, name
    assert [r.status_code for r in responses.values()] == [404, 200, 200, 403, 429]


def broken_view(request):
    raise RuntimeError("a bug")


# This module is also a URLconf: the site's, plus a view that fails (test_the_500_page...).
urlpatterns = [path("broken/", broken_view), *website_urls.urlpatterns]
handler500 = website_urls.handler500


def test_the_500_page_carries_it(contact, settings):
    settings.ROOT_URLCONF, settings.DEBUG = __name__, False
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "In an emergency" in parse(response).get_text() or parse(response).h1
    assert policy(response) == PUBLIC


def test_permissions_policy_turns_off_every_powerful_feature(client, public_pages, admin_client):
    for response in (client.get(public_pages[0]), admin_client.get("/admin/")):
        features = dict(
            item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
        )
        for feature in TURNED_OFF:
            assert features[feature] == "()", feature


def test_the_admin_carries_its_own_policy(admin_client, client):
    for response in (client.get("/admin/login/"), admin_client.get("/admin/")):
        admin = policy(response)
        assert admin["script-src"] == "'self' 'unsafe-inline'"
        assert admin["style-src"] == "'self' 'unsafe-inline'"
        assert admin["img-src"] == "'self' data: blob:"
        for directive in ("default-src", "object-src", "base-uri", "form-action"):
            assert admin[directive] == PUBLIC[directive]
        assert admin["frame-ancestors"] == "'none'"  # nobody frames the admin


def test_a_preview_is_a_public_page_only_the_admin_may_frame(admin_client, procedure_page):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(procedure_page.pk,))
    _, data = edit_form_data(admin_client, procedure_page)
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url, {"in_preview_panel": "true"})
    assert response.status_code == 200 and parse(response).h1
    assert policy(response) == {**PUBLIC, "frame-ancestors": "'self'"}
    assert response["X-Frame-Options"] == "SAMEORIGIN"


INLINE_HANDLER = re.compile(r"^on[a-z]+$")


def test_public_pages_hold_nothing_inline_the_policy_would_block(client, public_pages):
    for url in public_pages:
        soup = parse(client.get(url))
        assert soup.find("style") is None, url
        assert soup.find(style=True) is None, url
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", url
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if INLINE_HANDLER.match(name)]
            assert handlers == [], (url, element.name, handlers)
        for link in soup.find_all(href=True):
            assert not link["href"].strip().lower().startswith("javascript:"), url
