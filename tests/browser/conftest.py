"""Real-browser tests: Chromium through Playwright, against pytest-django's live server.

Every test starts from the starter content (`load_content`), and finds the pages to check in
the database, so page types that other branches add are covered without touching these tests.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction
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


@pytest.fixture(scope="session")
def migration_data(django_db_setup):
    """The rows migrations made (the tree's root, the default site, groups, workflows).

    Transactional tests empty every table afterwards, and Django's serialized_rollback does
    not bring them back once ordinary `db` tests have run in the same session. They are saved
    as soon as the test database exists (tests/conftest.py): saved here, at the first browser
    test, they would be missing if another transactional test had run first.
    """
    from ..site_fixtures import MIGRATION_ROWS

    return MIGRATION_ROWS[0]


def restore(data):
    """Load the saved rows with their own ids, as loaddata does.

    Django rebuilds content types and permissions after emptying the tables, under new ids;
    some saved rows use a content type's id as their own (a workflow's snippet types), so
    the rebuilt ones are replaced by the saved ones. Links to rows not yet loaded are set last.
    """
    waiting = []
    with transaction.atomic(), connection.constraint_checks_disabled():
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        for row in serializers.deserialize("json", data, handle_forward_references=True):
            row.save()
            if row.deferred_fields:
                waiting.append(row)
        for row in waiting:
            row.save_deferred_fields()
    ContentType.objects.clear_cache()


@pytest.fixture
def site(live_server, migration_data):
    """The starter site, served by the live server. Returns its base URL."""
    if not Page.objects.filter(depth=1).exists():
        restore(migration_data)
    call_command("load_content", verbosity=0)
    # The starter leaves the menu empty; editors tick "Show in menus" on the main pages, and
    # the navigation must pass every check too.
    Page.objects.filter(depth=3).update(show_in_menus=True)
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
    """open_page(path, viewport=PHONE) -> a Playwright page showing site + path."""
    contexts = []

    def open_(path, viewport=PHONE, **context_options):
        context = browser.new_context(viewport=viewport, **context_options)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(site + path)
        return page, response

    yield open_
    for context in contexts:
        context.close()


def slug_for(path):
    return path.strip("/").replace("/", "--") or "home"


def screenshot(page, name):
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / "screenshots" / f"{name}.png", full_page=True)
