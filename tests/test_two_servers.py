"""Two app servers sharing the database and Redis behind one nginx (README, "Several app
servers"): what one does, the other sees.

Two gunicorn instances on their own ports, CACHE_URL pointing both at one Redis (Debian's
redis-server), the suite's database (PostgreSQL, or SQLite's file on this one machine), and
nginx with both in its upstream. An editor publishes through server A; server B shows the
change within 2 seconds, and so does nginx (its micro-cache keeps a copy a second at most).
The enquiry form's limit per address counts the forms sent to either server.
"""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from .conftest import paragraph
from .servers import Gunicorn, Nginx, Redis, app_environment
from .site_fixtures import (  # noqa: F401 (fixtures)
    Visitor,
    database_url,
    enquiry_path,
    send_enquiry,
    wait_for,
)

PASSWORD = "a-long-editor-password-1"
NEW_TEXT = "Most people walk the same day: published through server A."
HOST = {"Host": "127.0.0.1"}  # the site's name, whichever server answers


@pytest.fixture
def draft(starter_site):
    """An editor's draft of the procedure page, not yet live."""
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page = Page.objects.get(slug="star-procedure").specific
    page.benefits = [paragraph(NEW_TEXT)]
    page.save_revision()
    return page


@pytest.fixture
def servers(draft, database_url, tmp_path):  # noqa: F811
    redis = Redis(tmp_path).start()
    environment = app_environment(
        tmp_path, database_url(), CACHE_URL=redis.url(), ENQUIRY_MIN_SECONDS=0,
        ENQUIRY_RATE_LIMIT=2,
    )  # fmt: skip
    a = Gunicorn(environment, tmp_path / "a.log", workers=1).start()
    b = Gunicorn(environment, tmp_path / "b.log", workers=1).start()
    nginx = Nginx(tmp_path / "nginx", [f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"],
                  tmp_path / "media").start(outage_dir=tmp_path / "outage")  # fmt: skip
    yield a, b, nginx
    for server in (nginx, a, b, redis):
        server.stop()


def sign_in(server):
    editor = Visitor()
    form = editor.get(server.url + "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    answer = editor.post(
        server.url + "/admin/login/",
        {"csrfmiddlewaretoken": token, "username": "editor", "password": PASSWORD},
    )
    assert answer.status == 302 and editor.cookie("sessionid"), answer.text[:500]
    return editor


def publish_through(server, editor, page):
    """The admin's Publish for the page's latest draft (its bulk action, one page)."""
    url = f"{server.url}/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    form = editor.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    answer = editor.post(url, {"csrfmiddlewaretoken": token})
    assert answer.status == 302, answer.text[:1000]


def test_a_publish_through_one_server_is_seen_through_the_other(servers, draft):
    a, b, nginx = servers
    path = draft.url
    editor = sign_in(a)
    for server in (a, b):  # each kept by the shared page cache, for the site's name
        assert NEW_TEXT not in Visitor(**HOST).get(server.url + path).text
    assert Visitor(**HOST).get(a.url + path).headers["X-Wagtail-Cache"] == "hit"
    assert Visitor(**HOST).get(b.url + path).headers["X-Wagtail-Cache"] == "hit"
    assert NEW_TEXT not in Visitor().get(nginx.url + path).text

    publish_through(a, editor, draft)
    published = time.monotonic()
    seen_on_b = live_after(published, lambda: Visitor(**HOST).get(b.url + path).text)
    seen_on_nginx = live_after(published, lambda: Visitor().get(nginx.url + path).text)
    assert seen_on_b <= 2, seen_on_b
    assert seen_on_nginx <= 2, seen_on_nginx  # nginx's copy lives a second at most


def live_after(published, page_text, timeout=10):
    """Seconds from the publish to the first request that was answered with the new text
    (when it was sent: how long the answer then took to render is not staleness)."""
    while time.monotonic() - published < timeout:
        asked = time.monotonic()
        if NEW_TEXT in page_text():
            return asked - published
        time.sleep(0.05)
    raise AssertionError(f"not live {timeout} s after the publish")


def test_the_enquiry_limit_counts_forms_sent_to_either_server(servers):
    a, b, _ = servers
    sender = {"X-Forwarded-For": "203.0.113.7"}  # as nginx passes the visitor's address
    path = enquiry_path()
    assert send_enquiry(a.url, path, **sender).status == 200
    assert send_enquiry(b.url, path, **sender).status == 200
    third = send_enquiry(a.url, path, **sender)  # A alone has seen one
    assert third.status == 429, third.text[:300]
    assert send_enquiry(b.url, path, **{"X-Forwarded-For": "203.0.113.8"}).status == 200
