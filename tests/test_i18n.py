"""Spanish beside English: the address chooses the language and nothing else does; the
site's own words, dates and error pages follow it; the page cache keeps languages apart."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse

from .conftest import parse

CACHE_HEADER = "X-Wagtail-Cache"
MUDDLED_ACCEPT_LANGUAGE = [
    "es",
    "es-MX,es;q=0.9,en;q=0.1",
    "fr-CA, *;q=0.5",
    "zz-ZZ",
    ";;;q=,es-",
    "en;q=abc, es;q=1.5",
    "x" * 300,
]
SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]


def words(response):
    soup = parse(response)
    return soup, " ".join(soup.get_text(" ").split())


def test_english_keeps_its_addresses_and_spanish_lives_under_es(client, spanish_procedure):
    english, spanish = client.get("/star/"), client.get("/es/procedimiento-star/")
    assert (english.status_code, spanish.status_code) == (200, 200)
    assert parse(english).find("html")["lang"] == "en"
    assert parse(spanish).find("html")["lang"] == "es"
    assert (english["Content-Language"], spanish["Content-Language"]) == ("en", "es")
    assert parse(spanish).find("h1").get_text() == "Ablación de tumores de la columna"


@pytest.mark.parametrize("header", MUDDLED_ACCEPT_LANGUAGE)
def test_accept_language_never_redirects_or_changes_the_language(client, spanish_procedure, header):
    for path, language in (("/", "en"), ("/star/", "en"), ("/es/procedimiento-star/", "es")):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200, (path, header)
        assert parse(response).find("html")["lang"] == language
        assert "accept-language" not in response.get("Vary", "").lower()


def test_a_language_cookie_changes_nothing(client, spanish_procedure):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    soup, text = words(client.get("/star/", HTTP_ACCEPT_LANGUAGE="es"))
    assert soup.find("html")["lang"] == "en"
    assert "On this page" in text and "En esta página" not in text


@pytest.mark.parametrize("path", ["/ES/procedimiento-star/", "/es-mx/procedimiento-star/"])
def test_only_the_exact_language_prefix_counts(client, spanish_procedure, path):
    assert client.get(path).status_code == 404


def test_the_sites_own_words_are_in_spanish_on_spanish_pages(client, contact, spanish_procedure):
    soup, text = words(client.get("/es/procedimiento-star/"))
    for spanish in (
        "Ir al contenido principal",
        "En esta página",
        "Enlace a esta sección:",
        "En una emergencia:",
        "Lea esta página en internet:",
        "¿Le podría ayudar?",
    ):
        assert spanish in text
    for english in ("Skip to main content", "On this page", "Link to this section"):
        assert english not in text
    search = soup.select_one("form.site-search")
    assert search["action"] == "/es/search/"
    assert search.find("label").get_text() == "Buscar en este sitio"


def test_dates_are_written_in_spanish(client, spanish_procedure):
    soup = parse(client.get("/es/procedimiento-star/"))
    updated = soup.select_one(".page-meta time").get_text()
    day, de, month, de_again, year = updated.split()
    assert (de, de_again, month in SPANISH_MONTHS) == ("de", "de", True)
    assert day.isdigit() and year.isdigit()
    english = parse(client.get("/star/")).select_one(".page-meta time").get_text()
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", english)


def test_a_spanish_address_with_no_spanish_page_is_a_spanish_404_leading_to_english(
    client, contact, spanish_home, standard_page
):
    response = client.get("/es/accessibility/")
    assert response.status_code == 404
    soup, text = words(response)
    assert soup.find("html")["lang"] == "es"
    assert soup.find("h1").get_text() == "No encontramos esa página"
    english = soup.find("a", string="Léala en inglés")
    assert english["href"] == "/accessibility/" and english["hreflang"] == "en"
    # The switcher's "English" goes to the same English page.
    switcher = soup.select_one(".language-switcher a")
    assert (switcher["href"], switcher.get_text()) == ("/accessibility/", "English")
    assert client.get(english["href"]).status_code == 200


def test_a_spanish_404_with_no_english_page_either_leads_home(client, spanish_home):
    soup, text = words(client.get("/es/no-such-page/"))
    assert soup.find("h1").get_text() == "No encontramos esa página"
    assert soup.find("a", string="Léala en inglés") is None
    assert soup.find("a", string="Vaya a la página principal")["href"] == "/es/"


def test_english_404_is_unchanged(client, home):
    soup, text = words(client.get("/no-such-page/"))
    assert soup.find("html")["lang"] == "en"
    assert soup.find("h1").get_text() == "We cannot find that page"
    assert soup.find("a", string="Go to the home page")["href"] == "/"


def test_without_a_spanish_home_no_english_page_is_served_at_a_spanish_address(
    client, procedure_page
):
    """Wagtail would fall back to the English tree; the address names Spanish, so 404."""
    assert client.get("/star/").status_code == 200
    assert client.get("/es/star/").status_code == 404
    assert client.get("/es/").status_code == 404


def test_the_page_cache_keeps_each_language_apart(client, spanish_procedure):
    pages = caches["pages"]
    first = {path: client.get(path) for path in ("/star/", "/es/procedimiento-star/")}
    assert {r[CACHE_HEADER] for r in first.values()} == {"miss"}
    stored = len(pages._cache)
    for header in MUDDLED_ACCEPT_LANGUAGE:
        english = client.get("/star/", HTTP_ACCEPT_LANGUAGE=header)
        spanish = client.get("/es/procedimiento-star/", HTTP_ACCEPT_LANGUAGE=header)
        assert (english[CACHE_HEADER], spanish[CACHE_HEADER]) == ("hit", "hit")
        assert english.content == first["/star/"].content
        assert spanish.content == first["/es/procedimiento-star/"].content
    assert len(pages._cache) == stored  # no entry per header value


def test_a_spanish_first_visitor_does_not_fill_the_english_entry(client, spanish_procedure):
    first = client.get("/star/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert first[CACHE_HEADER] == "miss"
    second = client.get("/star/")
    assert second[CACHE_HEADER] == "hit"
    assert parse(second).find("html")["lang"] == "en"


def test_robots_txt_keeps_crawlers_out_of_every_languages_search(client, home):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert {"Disallow: /search/", "Disallow: /es/search/"} <= set(lines)


CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
TRANSLATE_TAG = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")


def test_the_committed_mo_is_the_compiled_po_with_every_word_translated():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po}
    committed = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo if e.msgid}
    assert committed == compiled, "Run `make messages` and commit locale/es/LC_MESSAGES/"


def test_every_translate_tag_in_the_templates_is_in_the_catalogue():
    msgids = {entry.msgid for entry in polib.pofile(str(CATALOGUE / "django.po"))}
    templates = Path(settings.BASE_DIR) / "templates"
    used = {
        match.group(2)
        for path in templates.rglob("*.html")
        for match in TRANSLATE_TAG.finditer(path.read_text())
    }
    assert used and used - msgids == set(), "Run makemessages -l es and translate the new words"


def test_the_admins_preview_of_a_spanish_page_is_in_spanish(admin_client, spanish_procedure):
    response = admin_client.get(
        reverse("wagtailadmin_pages:view_draft", args=(spanish_procedure.pk,))
    )
    soup, text = words(response)
    assert soup.find("html")["lang"] == "es"
    assert "En esta página" in text
