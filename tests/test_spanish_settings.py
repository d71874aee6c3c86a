"""The settings' words in Spanish on Spanish pages (issue 12): the emergency instruction, the
opening hours, the footer's disclaimer, the directions and the program's name each have a
Spanish twin; English pages keep the English; a Spanish field left empty shows the English
marked lang="en", never nothing; the dashboard lists Spanish wording no translator has
checked; the outage page, written with no database to hand, says it in Spanish too."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.test.utils.form_data import querydict_from_html

from content.operations import outage_page
from content.organisation.models import (
    BrandSettings,
    ContactSettings,
    FooterLink,
    FooterLinks,
    VisitingSettings,
)
from website.views import server_error

from .conftest import parse

CONTACT_URL = reverse("wagtailsettings:edit", args=["organisation", "contactsettings"])
EMERGENCY_ES = "Llame al 911 si no puede mover las piernas."
HOURS_ES = "de lunes a viernes, de 8 a. m. a 5 p. m."
DISCLAIMER_ES = "Solo información general."
PARKING_ES = "Estacione en el garaje de Example Street."


@pytest.fixture
def spanish_settings(contact, brand):
    """The fixtures' settings with English and Spanish words, as staff fill them in."""
    contact.opening_hours = "Monday to Friday, 8 a.m. to 5 p.m."
    contact.opening_hours_es = HOURS_ES
    contact.emergency_instruction_es = EMERGENCY_ES
    contact.footer_disclaimer_es = DISCLAIMER_ES
    contact.address = "100 Example Avenue\nSpringfield"
    contact.save()
    brand.program_name_es = "Programa de Prueba"
    brand.save()
    return VisitingSettings.objects.create(
        parking="Park in the garage on Example Street.",
        public_transport="Buses stop outside.",
        parking_es=PARKING_ES,
        public_transport_es="Los autobuses paran enfrente.",
    )


def footer(client, path):
    return parse(client.get(path)).find("footer")


def lang_of(element):
    """The language an element's words are in: its own lang or its nearest ancestor's."""
    while element is not None and not element.get("lang"):
        element = element.parent
    return element.get("lang") if element is not None else None


def element_holding(soup, text):
    found = soup.find(string=lambda string: string and text in string)
    assert found is not None, text
    return found.parent


def test_a_spanish_pages_footer_is_in_spanish(client, spanish_settings, spanish_procedure):
    soup = parse(client.get("/es/procedimiento-star/"))
    words = " ".join(soup.find("footer").get_text(" ").split())
    for spanish in (EMERGENCY_ES, HOURS_ES, DISCLAIMER_ES, "Programa de Prueba"):
        assert spanish in words
        assert lang_of(element_holding(soup.find("footer"), spanish)) == "es"
    for english in ("Call 911 if you cannot move your legs.", "Monday", "General information"):
        assert english not in words
    assert soup.title.get_text() == "Ablación de tumores de la columna – Programa de Prueba"
    assert soup.select_one(".brand__program").get_text() == "Programa de Prueba"


def test_english_pages_keep_the_english(
    client, spanish_settings, procedure_page, spanish_procedure
):
    soup = parse(client.get(procedure_page.url))
    words = " ".join(soup.find("footer").get_text(" ").split())
    for english in (
        "Call 911 if you cannot move your legs.",
        "Monday to Friday, 8 a.m. to 5 p.m.",
        "General information only.",
        "Test Spine Program",
    ):
        assert english in words
        assert lang_of(element_holding(soup.find("footer"), english)) == "en"
    assert not {EMERGENCY_ES, HOURS_ES, DISCLAIMER_ES} & set(soup.stripped_strings)
    assert "Estacione" not in soup.get_text()
    assert soup.title.get_text() == "Spinal tumor ablation – Test Spine Program"


def test_an_empty_spanish_field_shows_the_english_marked_as_english(
    client, spanish_settings, spanish_procedure
):
    contact = ContactSettings.objects.get()
    contact.emergency_instruction_es = ""
    contact.opening_hours_es = "  "
    contact.footer_disclaimer_es = ""
    contact.save()
    brand = BrandSettings.objects.get()
    brand.program_name_es = ""
    brand.save()

    soup = footer(client, "/es/procedimiento-star/")
    emergency = soup.select_one(".site-footer__emergency")
    # Never dropped: the English line, in an element that says it is English.
    assert "Call 911 if you cannot move your legs." in emergency.get_text()
    assert lang_of(element_holding(emergency, "Call 911")) == "en"
    assert lang_of(emergency.strong) == "es"  # "En una emergencia:" stays Spanish
    assert lang_of(element_holding(soup, "Monday to Friday")) == "en"
    assert lang_of(element_holding(soup, "General information only.")) == "en"
    assert lang_of(element_holding(soup, "Test Spine Program")) == "en"


def test_where_to_find_us_gives_spanish_directions(client, spanish_settings, spanish_procedure):
    spanish_procedure.find_us_heading = "Dónde encontrarnos"
    spanish_procedure.save_revision().publish()

    section = parse(client.get("/es/procedimiento-star/")).select_one("#find-us")
    assert section.find(["h2", "h3"]).get_text(strip=True).startswith("Dónde encontrarnos")
    directions = [dd.get_text(strip=True) for dd in section.select("dl.find-us dd")]
    assert PARKING_ES in directions and "Los autobuses paran enfrente." in directions
    assert lang_of(element_holding(section, PARKING_ES)) == "es"
    assert "Park in the garage" not in section.get_text()
    labels = [dt.get_text(strip=True) for dt in section.select("dl.find-us dt")]
    assert {"Estacionamiento", "Transporte público"} <= set(labels)
    assert not section.select("dl.find-us dt[lang]")

    english = parse(client.get(spanish_procedure.get_translation(Locale.get_default()).url))
    english = english.select_one("#find-us")
    assert "Park in the garage on Example Street." in english.get_text()


def test_a_direction_with_no_spanish_shows_the_english_marked_as_english(
    client, spanish_settings, spanish_procedure
):
    VisitingSettings.objects.update(
        accessible_entrance="The main entrance has a ramp.", accessible_entrance_es=""
    )
    VisitingSettings.objects.get().save()  # as the admin saves it: the cache is emptied
    section = parse(client.get("/es/procedimiento-star/")).select_one("#find-us")
    assert lang_of(element_holding(section, "The main entrance has a ramp.")) == "en"


def test_a_footer_link_to_a_page_with_no_spanish_version_is_marked_english(
    client, spanish_settings, spanish_procedure, standard_page
):
    links = FooterLinks.objects.create()
    FooterLink.objects.create(setting=links, page=standard_page, label="Accessibility")
    FooterLink.objects.create(
        setting=links,
        page=spanish_procedure.get_translation(Locale.get_default()),
        label="The procedure",
    )
    nav = footer(client, "/es/").select_one(".site-footer__links")
    english = nav.find("a", string="Accessibility")
    assert english["href"] == standard_page.url
    assert english["lang"] == "en" and english["hreflang"] == "en"
    spanish = nav.find("a", string="Ablación de tumores de la columna")
    assert spanish["href"] == "/es/procedimiento-star/" and not spanish.get("lang")

    english_nav = footer(client, "/").select_one(".site-footer__links")
    assert not english_nav.find("a", string="Accessibility").get("lang")


def post_contact_form(admin_client, **changes):
    """The contact details form as the admin shows it, changed as given, then sent."""
    page = admin_client.get(CONTACT_URL, follow=True)
    form = parse(page)
    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    for name, value in changes.items():
        data[name] = value
    return form, admin_client.post(page.redirect_chain[-1][0], data)


def test_the_settings_form_has_a_spanish_panel_and_saves_it(admin_client, spanish_settings):
    form, response = post_contact_form(
        admin_client,
        emergency_instruction_es="Si no puede mover las piernas, llame al 911.",
        opening_hours_es="de lunes a jueves",
    )
    assert response.status_code == 302
    panel = form.select_one("#panel-spanish-section")
    assert panel.select_one("#panel-spanish-heading").get_text(strip=True) == "Spanish"
    labels = [label.get_text(" ", strip=True) for label in panel.select("label")]
    assert any("Emergency instruction (Spanish)" in label for label in labels)
    assert any("Spanish wording checked by" in label for label in labels)

    contact = ContactSettings.objects.get()
    assert contact.emergency_instruction_es == "Si no puede mover las piernas, llame al 911."
    assert contact.opening_hours_es == "de lunes a jueves"
    assert contact.emergency_instruction == "Call 911 if you cannot move your legs."


def translations_to_check(admin_client):
    panel = parse(admin_client.get(reverse("wagtailadmin_home"))).select_one(
        "#translations-to-check-section"
    )
    if panel is None:
        return {}
    return {li.a.get_text(strip=True): li.a["href"] for li in panel.select("li")}


def test_the_dashboard_lists_spanish_wording_until_a_translator_checks_it(
    admin_client, spanish_settings
):
    waiting = translations_to_check(admin_client)
    assert waiting["Contact details: the Spanish wording"] == CONTACT_URL
    assert "Brand: the Spanish wording" in waiting
    assert "Visiting and costs: the Spanish wording" in waiting

    _form, response = post_contact_form(
        admin_client, spanish_checked_by="Ana Ruiz, CHI-Spanish, 2026-11-30"
    )
    assert response.status_code == 302
    waiting = translations_to_check(admin_client)
    assert "Contact details: the Spanish wording" not in waiting
    assert "Brand: the Spanish wording" in waiting


@pytest.mark.parametrize(
    "change",
    [
        {"emergency_instruction_es": "Llame al 911."},
        {"emergency_instruction": "Call 911 if your legs go weak."},  # what the Spanish translates
    ],
)
def test_changed_words_need_a_new_check(admin_client, spanish_settings, change):
    checker = "Ana Ruiz, CHI-Spanish, 2026-11-30"
    post_contact_form(admin_client, spanish_checked_by=checker)
    _form, response = post_contact_form(admin_client, **change)
    assert response.status_code == 302
    assert ContactSettings.objects.get().spanish_checked_by == ""
    assert "Contact details: the Spanish wording" in translations_to_check(admin_client)


def test_a_translator_changing_the_words_and_signing_in_one_save_keeps_the_check(
    admin_client, spanish_settings
):
    checker = "Ana Ruiz, CHI-Spanish, 2026-12-01"
    post_contact_form(
        admin_client, emergency_instruction_es="Llame al 911.", spanish_checked_by=checker
    )
    assert ContactSettings.objects.get().spanish_checked_by == checker
    post_contact_form(admin_client, phone="555-0102")  # no words changed
    assert ContactSettings.objects.get().spanish_checked_by == checker


def test_settings_with_no_spanish_words_are_not_listed(admin_client, contact):
    assert "Contact details: the Spanish wording" not in translations_to_check(admin_client)


def test_the_outage_page_says_it_in_spanish_without_a_database(django_db_blocker):
    contact = ContactSettings(
        phone="555-0100",
        opening_hours="Monday to Friday",
        opening_hours_es="",
        emergency_instruction="Call 911 if you cannot move your legs.",
        emergency_instruction_es=EMERGENCY_ES,
    )
    brand = BrandSettings(program_name="Test Spine Program", program_name_es="Programa de Prueba")
    with django_db_blocker.block():
        soup = parse_html(outage_page.render(contact, brand))
    spanish = soup.find("section", lang="es")
    assert EMERGENCY_ES in spanish.get_text()
    assert "Programa de Prueba" in spanish.get_text()
    assert lang_of(element_holding(spanish, "Monday to Friday")) == "en"
    assert "Call 911 if you cannot move your legs." in soup.main.get_text()
    with django_db_blocker.block():
        nothing = parse_html(outage_page.render()).find("section", lang="es")
    assert "En una emergencia, llame al 911." in nothing.get_text()


def test_the_outage_page_written_from_the_database_has_the_spanish(
    spanish_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ContactSettings.objects.get().save()  # saving the contact details writes the page
    spanish = parse_html(outage_page.page_path().read_text()).find("section", lang="es")
    assert EMERGENCY_ES in spanish.get_text() and HOURS_ES in spanish.get_text()


def test_the_500_page_in_spanish_has_the_spanish_emergency_instruction(spanish_settings, rf):
    with translation.override("es"):
        soup = parse(server_error(rf.get("/es/procedimiento-star/")))
    assert EMERGENCY_ES in soup.get_text() and HOURS_ES in soup.get_text()
    assert soup.title.get_text().endswith("Programa de Prueba")


def parse_html(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_load_content_gives_a_site_set_up_before_spanish_settings_their_spanish(db):
    call_command("load_content", verbosity=0)
    contact = ContactSettings.objects.get()
    assert "911" in contact.emergency_instruction_es
    assert BrandSettings.objects.get().program_name_es == "Programa de Tumores de la Columna"
    assert VisitingSettings.objects.get().parking_es.startswith("Hay estacionamiento")

    # A site whose staff changed the English before settings had Spanish words.
    ContactSettings.objects.update(
        phone="(617) 555-2368",
        emergency_instruction_es="",
        opening_hours_es="",
        footer_disclaimer_es="",
    )
    call_command("load_content", verbosity=0)
    contact = ContactSettings.objects.get()
    assert contact.phone == "(617) 555-2368"
    assert "911" in contact.emergency_instruction_es

    # Spanish words staff wrote are theirs.
    ContactSettings.objects.update(opening_hours_es="de lunes a jueves")
    call_command("load_content", verbosity=0)
    contact = ContactSettings.objects.get()
    assert contact.opening_hours_es == "de lunes a jueves"
    assert contact.phone == "(617) 555-2368"
