"""Finding the way: the main menu, breadcrumbs, the footer's links, titles that name the
page first, and a next step on the procedure page. Checked on every page in the sitemap,
as a visitor receives it."""

import json
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.core.management import call_command
from wagtail.models import Locale, Page

from content.organisation.models import BrandSettings, ContactSettings, FooterLinks

from .conftest import parse

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
MENU = ["The STAR procedure", "For referring physicians", "Ask us", "Words we use"]
FOOTER = [
    "Contact us",
    "For referring physicians",
    "Words we use",
    "Accessibility",
    "Privacy notice",
    "Language help",
]


def sitemap_paths(client):
    """The English pages in the sitemap (the Spanish ones, under /es/, have their own menus
    and labels: test_spanish_content*.py and the translation tests)."""
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (ours)
    paths = [urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    return [path for path in paths if not path.startswith("/es/")]


def english_home():
    return Page.objects.get(depth=2, locale=Locale.get_default())


def top_level_paths():
    home = english_home()
    return {home.url, *(page.url for page in home.get_children().live().public())}


def test_every_page_links_to_every_top_level_page(starter, client):
    """No dead ends: from anywhere, one step to any top-level page (and home)."""
    paths = sitemap_paths(client)
    assert len(paths) == 8
    for path in paths:
        soup = parse(client.get(path))
        linked = {urlsplit(a["href"]).path for a in soup.select("header a, footer a")}
        assert top_level_paths() <= linked, path


def test_the_main_menu_holds_the_starter_pages_in_order_on_every_page(starter, client):
    for path in sitemap_paths(client):
        nav = parse(client.get(path)).find("nav", attrs={"aria-label": "Main"})
        assert [a.get_text(strip=True) for a in nav.find_all("a")] == MENU, path
        current = nav.select('a[aria-current="page"]')
        assert [a["href"] for a in current] == ([path] if path in _menu_paths(nav) else [])


def _menu_paths(nav):
    return [a["href"] for a in nav.find_all("a")]


def test_the_footer_links_on_every_page(starter, client):
    for path in sitemap_paths(client):
        footer = parse(client.get(path)).find("footer")
        links = footer.find("nav", attrs={"aria-label": "More about us"}).find_all("a")
        assert [a.get_text(strip=True) for a in links] == FOOTER, path
        assert footer.find(string=lambda text: "555-0100" in text)


def test_inner_pages_have_breadcrumbs_and_a_breadcrumb_list(starter, client):
    home_path = english_home().url
    for path in sitemap_paths(client):
        soup = parse(client.get(path))
        trail = soup.find("nav", attrs={"aria-label": "Breadcrumb"})
        if path == home_path:
            assert trail is None
            continue
        items = trail.find_all("li")
        assert items[0].a["href"] == home_path and items[0].get_text(strip=True) == "Home"
        assert items[-1]["aria-current"] == "page" and items[-1].a is None
        data = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
        (crumbs,) = [d.get("breadcrumb", d) for d in data if "BreadcrumbList" in s_types(d)]
        names = [item["name"] for item in crumbs["itemListElement"]]
        assert names == [li.get_text(strip=True) for li in items], path
        assert urlsplit(crumbs["itemListElement"][-1]["item"]).path == path


def s_types(data):
    return {data.get("@type"), data.get("breadcrumb", {}).get("@type")}


def test_titles_name_the_page_then_the_program_and_never_repeat(starter, client):
    home = english_home()
    assert parse(client.get(home.url)).title.string == "Spine Tumor Program"
    procedure = Page.objects.get(slug="star-procedure")
    assert parse(client.get(procedure.url)).title.string == (
        "Spinal tumor radiofrequency ablation (the STAR procedure) – Spine Tumor Program"
    )
    assert parse(client.get("/no-such-page/")).title.string == (
        "Page not found – Spine Tumor Program"
    )


def test_the_header_shows_the_logo_and_the_program(starter, client):
    brand = parse(client.get("/")).select_one("header a.brand")
    assert brand["href"] == "/"
    assert brand.img["alt"] == "Example Hospital"
    assert brand.img["src"].endswith(".svg") and brand.img["width"] and brand.img["height"]
    assert brand.select_one(".brand__program").get_text() == "Spine Tumor Program"


def test_the_procedure_page_offers_the_next_step_before_the_procedure_and_at_the_end(
    starter, client
):
    soup = parse(client.get(Page.objects.get(slug="star-procedure").url))
    enquiry_path = Page.objects.get(slug="ask-us").url
    before, end = soup.select("aside.next-step")
    assert before.find_parent("section")["id"] == "before"
    assert end.find_parent("section") is None
    for step in (before, end):
        assert step.find("a", href=enquiry_path)
        assert step.find("a", href="tel:5550100")


def test_footer_links_follow_the_setting(starter, client):
    footer = FooterLinks.objects.get()
    footer.links.filter(label="Privacy notice").delete()
    footer.save()
    links = parse(client.get("/")).select("footer nav a")
    assert "Privacy notice" not in [a.get_text(strip=True) for a in links]


def test_the_privacy_notice_states_how_long_enquiries_are_kept(db, settings, client):
    settings.FORM_SUBMISSION_RETENTION_DAYS = 90
    call_command("load_content", verbosity=0)
    text = parse(client.get(Page.objects.get(slug="privacy").url)).main.get_text(" ")
    assert "We delete each message 90 days after we get it." in " ".join(text.split())
    assert "no tracking cookies" in text


def test_the_enquiry_form_page_and_the_footer_are_set_by_the_loader(starter):
    assert ContactSettings.objects.get().enquiry_page.slug == "ask-us"
    assert BrandSettings.objects.get().logo.title == "Example Hospital logo"


def test_the_enquiry_form_links_to_the_privacy_notice(starter, client):
    form = parse(client.get(Page.objects.get(slug="ask-us").url)).main
    link = form.find("a", string="privacy notice")
    assert link["href"] == Page.objects.get(slug="privacy").url
