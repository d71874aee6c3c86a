"""Each page says where its other languages are: hreflang links (reciprocal, with x-default)
in the page and in the sitemap, a language switcher without script, JSON-LD inLanguage, and a
print handout whose QR code opens the page in its own language."""

import json
import xml.etree.ElementTree as ET

import segno
from bs4 import BeautifulSoup

from .conftest import parse

XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def alternates(client, path):
    soup = parse(client.get(path))
    return {(link["hreflang"], link["href"]) for link in soup.find_all("link", rel="alternate")}


def switcher(client, path):
    nav = parse(client.get(path)).select_one("nav.language-switcher")
    return nav, nav.find_all("a") if nav else []


def test_hreflang_is_reciprocal_with_x_default_english(client, spanish_procedure, procedure_page):
    english = procedure_page.get_full_url()
    spanish = spanish_procedure.get_full_url()
    expected = {("en", english), ("es", spanish), ("x-default", english)}
    assert alternates(client, procedure_page.url) == expected
    assert alternates(client, "/es/procedimiento-star/") == expected
    assert spanish.endswith("/es/procedimiento-star/") and english.startswith("http")


def test_the_home_pages_point_at_each_other(client, spanish_home, home):
    assert alternates(client, "/") == alternates(client, "/es/")
    assert ("es", spanish_home.get_full_url()) in alternates(client, "/")


def test_a_page_in_one_language_only_names_no_alternates(client, spanish_home, standard_page):
    assert alternates(client, standard_page.url) == set()


def test_the_switcher_leads_to_the_same_page_in_the_other_language(
    client, spanish_procedure, procedure_page
):
    nav, [link] = switcher(client, procedure_page.url)
    assert (link["href"], link.get_text()) == ("/es/procedimiento-star/", "Español")
    assert link["lang"] == "es" and link["hreflang"] == "es"
    assert nav.find("script") is None and not nav.find_all(attrs={"onclick": True})
    nav, [link] = switcher(client, link["href"])
    assert (link["href"], link.get_text()) == (procedure_page.url, "English")
    assert link["lang"] == "en" and link["hreflang"] == "en"
    assert client.get(link["href"]).status_code == 200


def test_without_a_translation_the_switcher_leads_to_that_languages_home(
    client, spanish_home, standard_page
):
    _nav, [link] = switcher(client, standard_page.url)
    assert (link["href"], link.get_text()) == ("/es/", "Español")
    assert parse(client.get(link["href"])).find("html")["lang"] == "es"


def test_the_search_page_switches_to_the_same_search(client, spanish_home):
    _nav, [link] = switcher(client, "/search/?q=pain")
    assert link["href"] == "/es/search/?q=pain"
    _nav, [link] = switcher(client, link["href"])
    assert link["href"] == "/search/?q=pain"


def test_with_no_spanish_home_there_is_nothing_to_switch_to(client, procedure_page):
    nav, links = switcher(client, procedure_page.url)
    assert nav is None and links == []


def test_menu_breadcrumbs_and_logo_stay_in_spanish(client, spanish_procedure, procedure_page):
    spanish_procedure.show_in_menus = True
    spanish_procedure.save_revision().publish()
    soup = parse(client.get("/es/procedimiento-star/"))
    menu = [a["href"] for a in soup.select("nav.site-nav a")]
    assert menu == ["/es/procedimiento-star/"]
    crumbs = [(a.get_text(), a["href"]) for a in soup.select("nav.breadcrumbs a")]
    assert crumbs == [("Inicio", "/es/")]
    assert soup.select_one("a.brand")["href"] == "/es/"
    english = parse(client.get(procedure_page.url))
    assert [(a.get_text(), a["href"]) for a in english.select("nav.breadcrumbs a")] == [
        ("Home", "/")
    ]


def json_ld(soup):
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_json_ld_names_the_pages_language(client, spanish_procedure, procedure_page):
    spanish = json_ld(parse(client.get("/es/procedimiento-star/")))
    english = json_ld(parse(client.get(procedure_page.url)))
    assert (spanish["inLanguage"], english["inLanguage"]) == ("es", "en")
    assert spanish["url"].endswith("/es/procedimiento-star/")
    assert spanish["breadcrumb"]["itemListElement"][0]["name"] == "Inicio"


def test_the_spanish_handouts_qr_code_opens_the_spanish_page(client, contact, spanish_procedure):
    soup = parse(client.get("/es/procedimiento-star/"))
    handout = soup.select_one("main .print-handout")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical.endswith("/es/procedimiento-star/")
    assert canonical in handout.get_text()
    assert "Lea esta página en internet:" in handout.get_text()
    svg = handout.find("svg")
    assert svg.find("title").get_text() == "Código QR que abre esta página"
    expected = segno.make(canonical, error="m", micro=False).svg_inline(
        scale=3, border=2, title=svg.find("title").get_text(), svgclass="qr-code", lineclass=None
    )
    assert svg.find("path")["d"] == BeautifulSoup(expected, "html.parser").find("path")["d"]


def test_the_sitemap_lists_every_language_with_reciprocal_alternates(
    client, spanish_procedure, procedure_page, standard_page
):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own sitemap)
    entries = {
        url.find(f"{SITEMAP}loc").text: {
            (link.get("hreflang"), link.get("href")) for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    english, spanish = procedure_page.get_full_url(), spanish_procedure.get_full_url()
    assert {english, spanish, standard_page.get_full_url()} <= set(entries)
    assert entries[english] == entries[spanish] == alternates(client, procedure_page.url)
    assert entries[standard_page.get_full_url()] == set()
    # Every alternate named is itself in the sitemap, naming the same set back.
    for links in entries.values():
        for language, href in links:
            assert entries[href] == links, (language, href)
