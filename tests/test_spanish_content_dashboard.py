"""The dashboard lists the translations no qualified medical translator has checked yet: the
Spanish starter pages and the language help taglines."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page

from content.organisation.models import BrandSettings, ContactSettings, VisitingSettings
from content.pages.models import LanguageTagline

from .conftest import parse

SPANISH_TITLES = {
    "Programa de Tumores de la Columna",
    "Ablación por radiofrecuencia de tumores de la columna (el procedimiento STAR)",
    "Palabras que usamos",
    "Pregúntenos sobre el procedimiento o refiera a un paciente",
    "Declaración de accesibilidad",
    "Aviso de privacidad",
    "Ayuda con el idioma",
}


def to_check(client):
    """{linked title: the item's text} from the dashboard's "Translations to check" panel."""
    panel = parse(client.get(reverse("wagtailadmin_home"))).select_one(
        "#translations-to-check-section"
    )
    if panel is None:
        return {}
    return {li.a.get_text(strip=True): li.get_text(" ", strip=True) for li in panel.select("li")}


def spanish_page(title):
    return Page.objects.get(title=title, locale__language_code="es").specific


def test_the_dashboard_lists_every_spanish_page_and_the_taglines(starter, admin_client):
    waiting = to_check(admin_client)
    assert set(waiting) >= SPANISH_TITLES
    assert waiting["Ayuda con el idioma"].endswith("(Español)")
    taglines = waiting["Language help: the taglines"]
    assert "15 to check" in taglines and "العربية" in taglines and "فارسی" in taglines
    assert "Ayuda con el idioma: the taglines" in waiting
    # English pages need no translator.
    assert "Privacy notice" not in waiting and "Language help" not in waiting


def test_a_page_leaves_the_list_once_a_translator_has_checked_it(starter, admin_client, client):
    page = spanish_page("Aviso de privacidad")
    page.translation_checked_by = "Ana Ruiz, CHI-Spanish"
    page.save_revision().publish()

    waiting = to_check(admin_client)
    assert "Aviso de privacidad" not in waiting
    assert "Declaración de accesibilidad" in waiting


def test_taglines_leave_the_list_once_each_is_checked(starter, admin_client):
    english = Page.objects.get(slug="language-help", locale=Locale.get_default())
    taglines = LanguageTagline.objects.filter(page=english)
    taglines.exclude(lang="ar").update(checked_by="Language Line, 2026-11-30")
    waiting = to_check(admin_client)
    assert "1 to check" in waiting["Language help: the taglines"]

    taglines.update(checked_by="Language Line, 2026-11-30")
    assert "Language help: the taglines" not in to_check(admin_client)


def test_each_person_sees_only_what_they_can_edit(starter):
    coordinator = get_user_model().objects.create_user("coordinator", password="x" * 16)
    coordinator.groups.add(Group.objects.get(name="Referral coordinators"))
    client = Client()
    client.force_login(coordinator)
    # Coordinators may edit the enquiry forms (to read their submissions), nothing else.
    assert set(to_check(client)) == {"Pregúntenos sobre el procedimiento o refiera a un paciente"}


def test_nothing_to_check_means_no_panel(starter, admin_client):
    for page in Page.objects.filter(locale__language_code="es").specific():
        if hasattr(page, "translation_checked_by"):
            page.translation_checked_by = "Ana Ruiz, CHI-Spanish"
            page.save_revision().publish()
        else:
            page.delete()  # a page type without the translation record
    LanguageTagline.objects.update(checked_by="Language Line, 2026-11-30")
    for setting in (ContactSettings, VisitingSettings, BrandSettings):
        setting.objects.update(spanish_checked_by="Ana Ruiz, CHI-Spanish")
    assert to_check(admin_client) == {}
