"""A publish makes again only the pages it changes.

A change that only its own page shows (a section's words) retires that page's stored copies
and leaves every other page stored; anything other pages show (a title in the menus, the
summary the home page lists) makes every page again. Each stored copy names the version of
the content it was made from (content/serving/page_cache.py), so a copy made from the old
version is never served after the publish.
"""

import re

import pytest
from django.core.cache import caches
from django.db.models import CharField, TextField
from django.test import Client
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from content.serving.page_cache import PUBLISH_VERSION, SITE_VERSION, page_version_key

from .conftest import edit_form_data, parse
from .test_page_cache import CACHE_HEADER, publish_benefits

NEW_SENTENCE = "A newly published sentence."


def visit_twice(client, *pages):
    """Each page stored, as a visited site has it."""
    for page in pages:
        client.get(page.url)
        assert client.get(page.url)[CACHE_HEADER] == "hit"


def publish_through_the_admin(admin_client, page, **fields):
    url, data = edit_form_data(admin_client, page)
    data.update(fields, **{"action-publish": "publish"})
    assert admin_client.post(url, data).status_code == 302


def test_a_change_only_its_page_shows_leaves_the_other_pages_stored(
    admin_client, client, home, procedure_page, standard_page
):
    visit_twice(client, home, procedure_page, standard_page)
    publish_benefits(admin_client, procedure_page, f"<p>{NEW_SENTENCE}</p>")
    changed = client.get(procedure_page.url)
    assert changed[CACHE_HEADER] == "miss"
    assert NEW_SENTENCE in parse(changed).select_one("#benefits").get_text()
    assert client.get(procedure_page.url)[CACHE_HEADER] == "hit"
    assert client.get(home.url)[CACHE_HEADER] == "hit"
    assert client.get(standard_page.url)[CACHE_HEADER] == "hit"


def test_a_new_title_makes_every_page_again(admin_client, client, home, procedure_page):
    visit_twice(client, home, procedure_page)
    publish_through_the_admin(admin_client, procedure_page, title="Spine tumor ablation (STAR)")
    listing = client.get(home.url)
    assert listing[CACHE_HEADER] == "miss"
    assert "Spine tumor ablation (STAR)" in parse(listing).select_one("main").get_text()


def test_a_new_summary_makes_the_home_page_again(admin_client, client, home, procedure_page):
    """The home page lists each procedure with its summary."""
    visit_twice(client, home, procedure_page)
    publish_through_the_admin(admin_client, procedure_page, summary="A new summary in short.")
    assert "A new summary in short." in parse(client.get(home.url)).select_one("main").get_text()


def test_the_sitemap_is_made_again_after_every_publish(admin_client, client, procedure_page):
    """It dates every page, so a change to one page's own words is news to it."""
    client.get("/sitemap.xml")
    assert client.get("/sitemap.xml")[CACHE_HEADER] == "hit"
    publish_benefits(admin_client, procedure_page, f"<p>{NEW_SENTENCE}</p>")
    assert client.get("/sitemap.xml")[CACHE_HEADER] == "miss"


def test_a_stored_copy_with_no_version_is_not_served(client, procedure_page):
    """Copies stored before versions were kept (the release that added them) are made
    again, never trusted."""
    visit_twice(client, procedure_page)
    caches["pages"].delete_many(
        [SITE_VERSION, PUBLISH_VERSION, page_version_key(procedure_page.pk)]
    )
    assert client.get(procedure_page.url)[CACHE_HEADER] == "miss"
    assert client.get(procedure_page.url)[CACHE_HEADER] == "hit"


def test_a_publish_the_cache_could_not_record_empties_it(
    admin_client, client, procedure_page, monkeypatch
):
    """A cache that drops the page's new version (down, or full) would otherwise serve the
    old copy once it answers again: it is emptied instead."""
    visit_twice(client, procedure_page)
    stored = caches["pages"]
    monkeypatch.setattr(stored, "set", lambda *args, **kwargs: None)
    publish_benefits(admin_client, procedure_page, f"<p>{NEW_SENTENCE}</p>")
    monkeypatch.undo()
    assert NEW_SENTENCE in parse(client.get(procedure_page.url)).select_one("#benefits").text


# What a page type says only its own page shows must be so: on the starter site, changing
# all of those fields of one page changes no other page that caches may store.
# A script's nonce, a form's token and an icon array's SVG id are made for each response.
PER_REQUEST = re.compile(r'(nonce|value)="[^"]*"|person-[0-9a-f]{8}')


def stored_pages_html():
    """Every live page a cache may store, made afresh, without what differs per request."""
    caches["pages"].clear()
    caches["template_fragments"].clear()
    visitor = Client()
    html = {}
    for page in Page.objects.live().public():
        response = visitor.get(page.url)
        if response.status_code == 200 and not response.cookies:
            html[page.url] = PER_REQUEST.sub("", response.content.decode())
    return html


def changed_value(page, name):
    field = page._meta.get_field(name)
    if isinstance(field, StreamField):
        return [{"type": "paragraph", "value": f"<p>{NEW_SENTENCE}</p>"}]
    if isinstance(field, RichTextField):
        return f"<p>{NEW_SENTENCE}</p>"
    if isinstance(field, (CharField, TextField)):
        return f"{getattr(page, name)} (changed)"
    return []  # inline rows: references, the care team


@pytest.mark.parametrize(
    "slug",
    [
        "home",
        "star-procedure",
        "procedimiento-star",
        "for-referring-physicians",
        "accessibility",
        "glossary",
    ],
)
def test_what_a_page_type_shows_only_on_its_page_shows_nowhere_else(starter, slug):
    page = Page.objects.get(slug=slug).specific
    assert page.shown_only_on_its_page
    before = stored_pages_html()
    for name in page.shown_only_on_its_page:
        setattr(page, name, changed_value(page, name))
    page.save_revision(clean=False).publish()
    after = stored_pages_html()
    assert after.pop(page.url) != before.pop(page.url)
    assert [url for url in before if after[url] != before[url]] == []
