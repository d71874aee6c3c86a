"""What the tests that start real servers share: the database as a server in another process
reads it (start from the `starter_site` fixture), and a visitor's requests over HTTP.

Import the fixtures into a test module: `from .site_fixtures import database_url, ...`.
"""

import gzip
import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import Page

from .servers import Gunicorn, Nginx, copy_database, manage

ANSWERS = {"text": "Ana Example", "email": "ana@example.org", "tel": "555-0123"}
MESSAGE = "Can my father have this after radiation? Please call me in the morning."


@pytest.fixture
def database_url(starter_site, tmp_path, postgres_cluster):
    """The suite's database as another process reaches it: the same PostgreSQL database,
    or a file copy of SQLite's in-memory one. Make what the servers must see first."""

    def url():
        return copy_database(connection, tmp_path, postgres_cluster)

    return url


@dataclass
class Answer:
    status: int
    headers: dict
    text: str


class Visitor:
    """A browser without JavaScript: keeps its cookies, follows no redirects."""

    def __init__(self, **headers):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )
        self.headers = headers

    def request(self, url, data=None, headers=None, timeout=30):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {**self.headers, **(headers or {})}
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 (loopback)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Answer(response.status, dict(response.headers), text(response))
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), text(error))

    def get(self, url, **headers):
        return self.request(url, headers=headers)

    def post(self, url, data, **headers):
        return self.request(url, data=data, headers=headers)

    def cookie(self, name):
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)


def text(response):
    body = response.read()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode(errors="replace")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def form_answers(html, form_selector="main form"):
    """The form's fields as a visitor fills them in: hidden fields as they are, a line of
    text in each text box, the first choice, the message; the honeypot left empty."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    data, chosen = {}, set()
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", field.name)
        if kind == "hidden":
            data[name] = field.get("value", "")
        elif name == "website":
            data[name] = ""  # the honeypot: people never see it
        elif kind in ("radio", "checkbox"):
            if name not in chosen:
                data[name] = field["value"]
                chosen.add(name)
        elif field.name == "textarea":
            data[name] = MESSAGE
        elif field.name == "select":
            data[name] = field.select_one("option[value]:not([value=''])")["value"]
        elif kind in ANSWERS:
            data[name] = ANSWERS[kind]
        elif kind not in ("submit", "button"):
            data[name] = ANSWERS["text"]
    return data


def enquiry_path():
    return Page.objects.live().get(slug="ask-us").url


def send_enquiry(base_url, path, **headers):
    """Open the enquiry form and send it, as a visitor would. Returns the answer."""
    visitor = Visitor(**headers)
    form = visitor.get(base_url + path)
    assert form.status == 200, form.text[:500]
    return visitor.post(base_url + path, form_answers(form.text))


def wait_for(condition, timeout, interval=0.05):
    """Seconds until condition() held, or None if it did not within `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(interval)
    return None


def outage_stack(environment, tmp_path):
    """Yield (gunicorn, nginx) as production runs them, the outage page written for nginx's
    own errors; both stopped afterwards. For a fixture to yield from."""
    manage(environment, "render_outage_page")
    gunicorn = Gunicorn(environment, tmp_path / "gunicorn.log", workers=2).start()
    nginx = Nginx(tmp_path / "nginx", [f"127.0.0.1:{gunicorn.port}"], tmp_path / "media").start(
        outage_dir=tmp_path / "outage"
    )
    yield gunicorn, nginx
    nginx.stop()
    gunicorn.stop()
