"""A few thousand generated hostile requests (bench/fuzz.py) through Django's test client,
as production runs (DEBUG off, the site's error handlers): no answer is a 500 or above, and
whatever the site shows back of what it was sent is escaped.

bench/fuzz.py sends the same requests over HTTP through nginx (`make serve-prod`); its counts
are in bench/RESULTS.md.
"""

from collections import Counter

import pytest
from django.middleware.csrf import get_token
from django.test import Client

from bench.fuzz import generate, payload, unescaped_reflections

from . import test_enquiry_form as enquiry
from .conftest import parse

enquiry_page = enquiry.enquiry_page
no_minimum_time = enquiry.no_minimum_time  # autouse there, so used by name here
COUNT = 3000
HEADERS = {  # bench/fuzz.py's header names, as WSGI gives them to Django
    "Host": "HTTP_HOST",
    "X-Forwarded-For": "HTTP_X_FORWARDED_FOR",
    "Cookie": "HTTP_COOKIE",
    "Accept-Encoding": "HTTP_ACCEPT_ENCODING",
    "Range": "HTTP_RANGE",
    "Referer": "HTTP_REFERER",
    "Accept-Language": "HTTP_ACCEPT_LANGUAGE",
    "If-Modified-Since": "HTTP_IF_MODIFIED_SINCE",
}


@pytest.fixture
def site(settings, contact, home, procedure_page, standard_page, enquiry_page, rf):
    """A browser as production meets it: CSRF checked, DEBUG off (the site's own error
    handlers), holding a CSRF cookie, which it sends back as a header on every other
    request, so that half the posts reach the views and half get the CSRF page."""
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.token = get_token(rf.get("/"))
    client.cookies["csrftoken"] = client.token
    return client


def send(client, request):
    extra = {HEADERS[name]: value for name, value in request.headers.items()}
    if int(request.marker[2:]) % 2:
        extra["HTTP_X_CSRFTOKEN"] = client.token
    return client.generic(
        request.method,
        request.path,
        request.body,
        content_type=request.content_type or "",
        **extra,
    )


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_thousands_of_hostile_requests_get_no_500_and_every_reflection_is_escaped(site):
    statuses, kinds, failures = Counter(), Counter(), []
    reflected = 0
    for request in generate(COUNT):
        response = send(site, request)
        body = body_of(response)
        statuses[response.status_code // 100] += 1
        kinds[request.kind] += 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {request.describe()}")
        reflected += request.marker in body.decode("utf-8", "replace")
        for problem in unescaped_reflections(request, body):
            failures.append(f"unescaped ({problem}): {request.describe()}")
    assert failures == [], "\n".join(failures[:40])
    # The generator reached every kind of input, and some of it came back (escaped): the
    # reflection check had something to check.
    assert set(kinds) >= {"odd path", "query string", "long query string", "method",
                          "form body", "malformed multipart", "wrong content type",
                          "bad headers", "huge body"}  # fmt: skip
    assert reflected > 50, reflected
    assert statuses[4] > 0 and statuses[2] > 0


def test_the_reflection_check_finds_an_unescaped_marker():
    """So that no failure above means none happened."""
    (request,) = generate(1)
    assert unescaped_reflections(request, payload(request.marker).encode()) != []
    escaped = payload(request.marker).replace("<", "&lt;").replace('"', "&quot;")
    assert unescaped_reflections(request, escaped.encode()) == []


def test_what_the_search_page_shows_back_is_escaped(site):
    """One reflection by hand: the search box shows the query it was given."""
    marker = payload("fzsearch")
    response = site.get("/search/", {"q": marker})
    assert response.status_code == 200
    assert parse(response).find("input", attrs={"name": "q"})["value"] == marker
    assert b"<fzsearch" not in response.content
