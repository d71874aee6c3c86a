"""Unknown or malformed requests get the site's friendly pages, never a bare 500: a body
Django cannot read (a form in UTF-16, malformed multipart) gets the 400 page, whose handler
never reads the body again; a bad Host header gets it too, logged once as a warning."""

import logging

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from website.views import server_error

from .conftest import parse


def test_a_missing_page_answers_404_with_the_site_layout(client, contact, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "We cannot find that page"
    assert soup.select_one("a.skip-link")["href"] == "#main"
    assert soup.find("footer").select_one("a[href='tel:5550100']")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    "path",
    [
        "/%ff%fe/",
        "/star/../../etc/passwd",
        "/?q=%00%ff",
        "/?" + "a=1&" * 2000,
        "/" + "x" * 3000 + "/",
        "/spine/star/?page=-1&page=abc",
    ],
)
def test_malformed_paths_and_query_strings_never_give_a_500(client, contact, procedure_page, path):
    response = client.get(path)
    assert response.status_code < 500


def test_the_500_page_keeps_the_phone_number(contact, rf: RequestFactory):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    soup = parse(response)
    assert soup.select_one("a[href='tel:5550100']").get_text() == "555-0100"
    assert "Call 911 if you cannot move your legs." in soup.get_text()


def test_the_500_page_renders_even_without_a_database(rf, db, django_db_blocker):
    with django_db_blocker.block():
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "In an emergency, call 911." in parse(response).get_text()


def test_no_double_full_stop_after_the_opening_hours(client, contact):
    contact.opening_hours = "Monday to Friday, 8 a.m. to 5 p.m."
    contact.save()
    assert "p.m.." not in client.get("/no-such-page/").content.decode()


# Requests Django cannot read: a 400 page with the phone number, never a 500 -----------------

UTF16_FORM = "application/x-www-form-urlencoded; charset=utf-16"


@pytest.fixture
def browser_with_a_token(contact, home, rf):
    """A client that checks CSRF as browsers meet it, holding a valid token in its cookie."""
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    token = get_token(rf.get("/"))
    browser.cookies["csrftoken"] = token
    return browser, token


@pytest.mark.parametrize("path", ["/", "/search/", "/admin/login/", "/no-such-page/"])
def test_a_form_posted_in_utf16_gets_the_400_page_not_a_500(browser_with_a_token, settings, path):
    settings.DEBUG = False
    browser, token = browser_with_a_token
    body = f"csrfmiddlewaretoken={token}&q=pain".encode("utf-16")
    response = browser.generic("POST", path, body, content_type=UTF16_FORM)
    assert response.status_code == 400
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Sorry, we could not read that request"
    assert soup.select_one("a[href='tel:5550100']").get_text() == "555-0100"


@pytest.mark.parametrize(
    "content_type, body",
    [
        (UTF16_FORM, "a=b".encode("utf-16")),
        ("multipart/form-data; boundary=xyz", b"--xyz\r\nContent-Disposition: form-data\r\n\r\n"),
        ("multipart/form-data", b"no boundary at all"),
        ("multipart/form-data; boundary=xyz; charset=utf-16", "--xyz--".encode("utf-16")),
    ],
    ids=["utf-16 form", "malformed multipart", "multipart without a boundary", "utf-16 multipart"],
)
def test_an_unreadable_body_without_a_token_gets_the_csrf_page(
    contact, home, settings, content_type, body
):
    settings.DEBUG = False
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = browser.generic("POST", "/", body, content_type=content_type)
    assert response.status_code == 403
    assert parse(response).h1.get_text(strip=True) == "Please send the form again"


def test_a_bad_host_header_is_logged_once_as_a_warning_without_a_traceback(
    client, contact, settings, caplog
):
    settings.DEBUG = False
    with caplog.at_level(logging.DEBUG):
        response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert parse(response).select_one("a[href='tel:5550100']")
    (record,) = [r for r in caplog.records if "evil.example" in r.getMessage()]
    assert (record.name, record.levelname) == ("django.security.DisallowedHost", "WARNING")
    assert record.exc_info is None
    assert "Traceback" not in caplog.text
