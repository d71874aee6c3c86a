"""Real-browser tests: Chromium through Playwright, against pytest-django's live server.

Every test starts from the starter content (`load_content`), and finds the pages to check in
the database, so page types that other branches add are covered without touching these tests.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from wagtail.models import Page

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are
# still plain synchronous calls, so Django's async-safety guard would only get in the way.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
SMALL_PHONE = {"width": 320, "height": 640}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"small-phone": SMALL_PHONE, "phone": PHONE, "desktop": DESKTOP}
# Headless flags for a closed network and a root user (see the machine notes): no sandbox,
# no GPU, and none of Chromium's background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SYSTEM_CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data, so these tests are transactional.
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    executable = SYSTEM_CHROMIUM if Path(SYSTEM_CHROMIUM).exists() else None
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, starter_site):
    """The starter site, its main pages in the menu (the navigation must pass every check
    too), served by the live server. Returns its base URL."""
    return live_server.url


def live_page_paths():
    """Every live, public page in the site, as (title, path), found in the database."""
    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
    return [(page.title, urlsplit(page.get_url()).path) for page in pages]


@pytest.fixture
def pages(site):
    paths = live_page_paths()
    assert len(paths) >= 3, "the starter content should give a home, procedure and info page"
    return paths


@pytest.fixture
def open_page(browser, site):
    """open_page(path, viewport=PHONE) -> (a new tab showing site + path, its response).

    Tabs with the same viewport and options share a browser context (and its cookies), as a
    person's tabs do: opening a tab costs half as much as opening a context.
    """
    contexts = {}

    def open_(path, viewport=PHONE, **context_options):
        key = repr(sorted({"viewport": viewport, **context_options}.items()))
        if key not in contexts:
            contexts[key] = browser.new_context(viewport=viewport, **context_options)
        page = contexts[key].new_page()
        response = page.goto(site + path)
        return page, response

    yield open_
    for context in contexts.values():
        context.close()


def slug_for(path):
    return path.strip("/").replace("/", "--") or "home"


def screenshot(page, name):
    """A picture of the whole page in test-results/screenshots/, for people to look at. Taken
    in the run on SQLite only: the run on PostgreSQL, alongside, would draw the same pages into
    the same files."""
    if connection.vendor != "sqlite":
        return
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / "screenshots" / f"{name}.png", full_page=True)


def already_sent(form, sent):
    """Whether a GET form leads to an address in `sent` (adding it if not): the page it leads
    to depends on that address alone, so the search box on every page is sent once. A POST
    form is never already sent."""
    if (form.get_attribute("method") or "get").lower() != "get":
        return False
    address = form.evaluate("form => form.action + '?' + new URLSearchParams(new FormData(form))")
    if address in sent:
        return True
    sent.add(address)
    return False
