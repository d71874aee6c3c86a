"""The language help notice (ACA Section 1557): free language help and aids, the phone
number, and a tagline in each of 15 languages, each in its own language and direction."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from content.organisation.models import ContactSettings, FooterLink, FooterLinks
from content.pages.models import HomePage, LanguageHelpPage, StandardPage
from content.starter.loader import STARTER_DIR, read_json

from .conftest import edit_form_data, parse

# The 15 non-English languages HHS listed as most spoken nationally (2016 final rule's
# national list), the starter taglines' languages; Arabic and Farsi right to left.
EXPECTED = {
    "es": "ltr",
    "zh-Hant": "ltr",
    "vi": "ltr",
    "ko": "ltr",
    "tl": "ltr",
    "ru": "ltr",
    "ar": "rtl",
    "ht": "ltr",
    "fr": "ltr",
    "pl": "ltr",
    "pt": "ltr",
    "it": "ltr",
    "de": "ltr",
    "ja": "ltr",
    "fa": "rtl",
}


def load():
    call_command("load_content", verbosity=0)


@pytest.fixture
def loaded(starter):
    return LanguageHelpPage.objects.get(locale=Locale.get_default())


def taglines(response):
    return parse(response).select("main .language-tagline")


def test_every_tagline_has_its_own_lang_and_direction(loaded, client):
    response = client.get(loaded.url)
    assert response.status_code == 200
    found = {item["lang"]: item["dir"] for item in taglines(response)}
    assert found == EXPECTED
    # The page itself stays in its own language: only the taglines change it.
    assert parse(response).html["lang"].startswith("en")


def test_each_tagline_and_the_notice_give_the_phone_number_from_the_settings(loaded, client):
    ContactSettings.objects.update(phone="(617) 555-2368")
    response = client.get(loaded.url)
    notice = parse(response).select_one(".language-help__notice")
    assert notice.select_one('a[href="tel:6175552368"]').get_text() == "(617) 555-2368"
    for item in taglines(response):
        link = item.select_one('a[href="tel:6175552368"]')
        assert link is not None, item["lang"]
        # The number reads left to right, even inside Arabic and Farsi.
        assert link["dir"] == "ltr"
        assert "[phone]" not in item.get_text()


def test_the_taglines_are_written_in_their_own_scripts(loaded, client):
    texts = {
        item["lang"]: item.get_text(" ", strip=True) for item in taglines(client.get(loaded.url))
    }
    assert "español" in texts["es"]
    assert "العربية" in texts["ar"]
    assert "فارسی" in texts["fa"]
    assert "中文" in texts["zh-Hant"]
    assert "日本語" in texts["ja"]
    assert "한국어" in texts["ko"]


@pytest.mark.parametrize("slug", ["home", "star-procedure", "privacy", "ask-us", "glossary"])
def test_every_page_links_to_language_help_in_its_footer(loaded, client, slug):
    page = HomePage.objects.first() if slug == "home" else None
    url = page.url if page else f"/{slug}/"
    footer = parse(client.get(url)).select_one("footer")
    assert footer.select_one(f'a[href="{loaded.url}"]').get_text(strip=True) == "Language help"


def test_a_site_whose_footer_staff_already_set_gets_the_link_once(db, client):
    load()
    footer = FooterLinks.objects.get()
    help_page = LanguageHelpPage.objects.get(locale=Locale.get_default())
    # A site built before the Language help page existed: staff's own footer, no such page.
    footer.links.all().delete()
    help_page.get_translation(Locale.objects.get(language_code="es")).delete()
    help_page.delete()
    FooterLink.objects.create(
        setting=footer, page=StandardPage.objects.get(slug="privacy"), label="Privacy", sort_order=0
    )

    load()
    links = [(link.label, link.page.slug) for link in footer.links.order_by("sort_order")]
    assert links == [("Privacy", "privacy"), ("Language help", "language-help")]

    # Staff remove it again: the loader never puts it back.
    footer.links.filter(label="Language help").delete()
    load()
    assert [link.label for link in footer.links.all()] == ["Privacy"]


def admin_edit(admin_client, page, changes):
    url, data = edit_form_data(admin_client, page)
    data.update(changes)
    data["action-publish"] = "publish"
    return admin_client.post(url, data)


def tagline_index(data, lang):
    count = int(data["taglines-TOTAL_FORMS"])
    return next(i for i in range(count) if data[f"taglines-{i}-lang"] == lang)


def test_the_editor_refuses_arabic_written_left_to_right(loaded, admin_client, client):
    url, data = edit_form_data(admin_client, loaded)
    index = tagline_index(data, "ar")
    response = admin_edit(admin_client, loaded, {f"taglines-{index}-direction": "ltr"})
    assert response.status_code == 200  # the form again, with the error
    assert "is written right to left" in response.content.decode()
    found = {item["lang"]: item["dir"] for item in taglines(client.get(loaded.url))}
    assert found["ar"] == "rtl"


def test_the_editor_refuses_a_tagline_without_the_phone_number(loaded, admin_client):
    url, data = edit_form_data(admin_client, loaded)
    index = tagline_index(data, "fr")
    response = admin_edit(
        admin_client, loaded, {f"taglines-{index}-text": "Une aide gratuite est disponible."}
    )
    assert response.status_code == 200
    assert "Write [phone] where the phone number goes." in response.content.decode()


def test_staff_edit_a_tagline_and_record_the_translator_check(loaded, admin_client, client):
    url, data = edit_form_data(admin_client, loaded)
    index = tagline_index(data, "pt")
    response = admin_edit(
        admin_client,
        loaded,
        {
            f"taglines-{index}-text": "Se você fala português, a ajuda com o idioma é grátis. "
            "Ligue para [phone].",
            f"taglines-{index}-checked_by": "Ana Souza, CMI-Portuguese, 2026-11-30",
        },
    )
    assert response.status_code == 302
    texts = {
        item["lang"]: item.get_text(" ", strip=True) for item in taglines(client.get(loaded.url))
    }
    assert "a ajuda com o idioma é grátis" in texts["pt"]


def test_the_starter_taglines_are_the_fifteen_languages(db):
    rows = read_json(STARTER_DIR / "taglines.json")
    assert {row["lang"]: row["direction"] for row in rows} == EXPECTED
    assert all("[phone]" in row["text"] and not row.get("checked_by") for row in rows)


def test_staff_see_the_translator_check_for_each_tagline_in_the_editor(loaded, admin_client):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(loaded.pk,)))
    assert response.status_code == 200
    assert "Translation checked by" in response.content.decode()


def handout_lines(client, url):
    handout = parse(client.get(url)).select_one(".print-handout")
    return [p.get_text(" ", strip=True) for p in handout.select("p")]


def test_the_printed_handout_gives_the_language_help_address(loaded, client):
    assert f"Language help: http://localhost{loaded.url}" in handout_lines(
        client, "/star-procedure/"
    )


def test_the_spanish_handout_gives_the_spanish_language_help_address(loaded, client):
    spanish = loaded.get_translation(Locale.objects.get(language_code="es"))
    assert spanish.url == "/es/ayuda-con-el-idioma/"
    lines = handout_lines(client, "/es/procedimiento-star/")
    assert f"Ayuda con el idioma: http://localhost{spanish.url}" in lines
