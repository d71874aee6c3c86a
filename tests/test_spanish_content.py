"""The Spanish starter content: every English patient page has a live Spanish translation,
loaded by load_content like the English, and marked as not yet checked by a translator."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, PageLogEntry, Revision

from content.enquiries.models import EnquiryFormPage
from content.glossary.models import GlossaryTerm
from content.pages.models import ProcedurePage, Reference
from content.plain_language.readability import readable_text
from content.starter.loader import STARTER_DIR, read_json
from content.translations.governance import english_version_date, translation_is_checked

from .conftest import parse

# The English patient pages and their Spanish slugs (the referrer page stays English).
SPANISH_SLUGS = {
    "home": "inicio",
    "star-procedure": "procedimiento-star",
    "glossary": "palabras",
    "ask-us": "preguntenos",
    "accessibility": "accesibilidad",
    "privacy": "privacidad",
    "language-help": "ayuda-con-el-idioma",
}


def load(**options):
    call_command("load_content", verbosity=0, **options)


def spanish():
    return Locale.objects.get(language_code="es")


def english_page(slug):
    return Page.objects.get(slug=slug, locale=Locale.get_default()).specific


def spanish_page(slug):
    return english_page(slug).get_translation(spanish()).specific


def test_every_english_patient_page_has_a_live_spanish_version(starter, client):
    english = Page.objects.live().filter(locale=Locale.get_default(), depth__gte=2)
    patient_pages = english.exclude(slug="for-referring-physicians")
    assert {page.slug for page in patient_pages} == set(SPANISH_SLUGS)
    for page in patient_pages:
        translation = page.get_translation(spanish())
        assert translation.live, page.slug
        assert translation.slug == SPANISH_SLUGS[page.slug]
        assert translation.specific_class is page.specific_class
        response = client.get(translation.url)
        assert response.status_code == 200, translation.url
        assert translation.url.startswith("/es/")
        assert parse(response).html["lang"] == "es"
    # The referrer page may stay English.
    assert not english_page("for-referring-physicians").has_translation(spanish())


def test_every_spanish_page_is_marked_as_not_yet_checked_by_a_translator(starter):
    for slug in SPANISH_SLUGS:
        page = spanish_page(slug)
        assert not translation_is_checked(page), slug
        assert getattr(page, "translation_checked_on", None) is None, slug
        # "Translated from the English version of <date>": the version it was made from.
        assert page.translated_from_date == english_version_date(english_page(slug)), slug


def numbers(text):
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def citations(text):
    return re.findall(r"\(([A-Z][A-Za-z]+ \d{4})\)", text)


@pytest.mark.parametrize("slug", ["star-procedure", "home", "privacy", "language-help"])
def test_the_spanish_page_gives_the_same_numbers_and_citations(starter, client, slug):
    english = readable_text(client.get(english_page(slug).url).content.decode())
    translated = readable_text(client.get(spanish_page(slug).url).content.decode())
    assert numbers(translated) == numbers(english)
    assert citations(translated) == citations(english)


def test_the_spanish_procedure_page_carries_the_key_facts(starter, client):
    text = parse(client.get(spanish_page("star-procedure").url)).main.get_text(" ", strip=True)
    for fact in (
        "vuelve a casa el mismo día",
        "menos de 90 minutos",
        "anestesia local",
        "sedación consciente",
        "cemento óseo",
        "En 24 a 48 horas, muchas personas",  # "many", never "all"
        "6 meses después",
        "3 de cada 100 personas (16 de 583)",
        "No cura el cáncer",
        "Llame al 911 ahora",
    ):
        assert fact in text, fact
    assert "vosotros" not in text.lower() and "podéis" not in text.lower()


def test_the_spanish_pages_link_to_spanish_pages_and_english_where_there_is_none(starter, client):
    soup = parse(client.get(spanish_page("home").url))
    links = {a["href"] for a in soup.select("main a[href]")}
    assert spanish_page("star-procedure").url in links
    assert spanish_page("ask-us").url in links
    assert english_page("for-referring-physicians").url in links  # no Spanish version
    form = spanish_page("ask-us")
    assert form.privacy_page_id == spanish_page("privacy").pk


def test_the_spanish_form_asks_in_spanish(starter, client):
    soup = parse(client.get(spanish_page("ask-us").url))
    labels = [label.get_text(" ", strip=True) for label in soup.select("main form label")]
    assert any(label.startswith("Su nombre") for label in labels)
    assert any(label.startswith("Correo electrónico") for label in labels)
    assert "Paciente" in soup.select_one("main form").get_text()
    notice = soup.select_one("main").get_text(" ", strip=True)
    assert "Please do not send medical records" not in notice


def test_referral_coordinators_read_the_spanish_enquiries_too(starter):
    for page in EnquiryFormPage.objects.all():
        assert page.group_permissions.filter(group__name="Referral coordinators").exists()


def test_glossary_marking_works_in_spanish(starter, client):
    soup = parse(client.get(spanish_page("star-procedure").url))
    glossary_url = spanish_page("glossary").url
    marked = {a.get_text().lower(): a["href"] for a in soup.select("main a.glossary-term")}
    assert marked["ablación"] == f"{glossary_url}#ablacion"
    assert marked["anestesia local"] == f"{glossary_url}#anestesia-local"
    assert "metástasis" in marked
    definitions = soup.select_one(".glossary-definitions").get_text()
    assert "Un tratamiento que destruye una zona pequeña del cuerpo" in definitions
    glossary = parse(client.get(glossary_url)).select_one("main").get_text(" ", strip=True)
    assert "Cemento óseo" in glossary and "Bone cement" not in glossary


def test_each_spanish_term_translates_an_english_one_with_its_own_word_forms(starter):
    data = read_json(STARTER_DIR / "es" / "glossary.json")
    assert GlossaryTerm.objects.filter(locale=spanish()).count() == len(data)
    for item in data:
        term = GlossaryTerm.objects.get(term=item["term"], locale=spanish())
        source = GlossaryTerm.objects.get(term=item["translation_of"], locale=Locale.get_default())
        assert term.translation_key == source.translation_key
        assert term.other_forms == item["other_forms"]


def test_the_references_keep_their_published_titles(starter, client):
    page = ProcedurePage.objects.get(locale=spanish())
    references = page.references()
    assert {ref.locale_id for ref in references} == {spanish().pk}
    english = ProcedurePage.objects.get(locale=Locale.get_default()).references()
    assert [ref.title for ref in references] == [ref.title for ref in english]
    nice = Reference.objects.get(authors="NICE", locale=spanish())
    assert nice.details == "Consulta pública"
    listed = parse(client.get(page.url)).select_one(".references").get_text(" ", strip=True)
    assert "Consulta pública" in listed


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "terms": list(GlossaryTerm.objects.order_by("pk").values_list("pk", "term", "locale")),
        "references": list(Reference.objects.order_by("pk").values_list("pk", "details")),
    }


def test_a_second_run_changes_nothing(starter):
    before = snapshot()
    load()
    assert snapshot() == before


def test_a_spanish_page_staff_edited_is_left_alone(starter, admin_user, client):
    page = spanish_page("accessibility")
    page.summary = "Resumen escrito por el personal."
    page.save_revision(user=admin_user).publish()

    load()
    assert "Resumen escrito por el personal." in client.get(page.url).content.decode()


def test_a_spanish_page_staff_deleted_is_made_again_but_one_they_renamed_is_not(starter):
    spanish_page("privacy").delete()
    renamed = spanish_page("accessibility")
    renamed.slug = "accesibilidad-web"
    renamed.save()

    load()
    assert spanish_page("privacy").live
    assert spanish_page("accessibility").slug == "accesibilidad-web"


def test_a_page_holding_a_spanish_slug_is_left_alone(starter):
    """A Spanish page that no longer translates its English page (staff deleted the English
    one, and the loader made it again) keeps its slug; nothing else is made in its place."""
    english = english_page("privacy")
    orphan = english.get_translation(spanish())
    english.delete()

    lines = call_command_lines()
    assert "Page 'privacidad': left alone (another page has its slug)" in lines
    orphan.refresh_from_db()
    assert orphan.live and not english_page("privacy").has_translation(spanish())


def call_command_lines():
    from io import StringIO

    out = StringIO()
    call_command("load_content", stdout=out)
    return out.getvalue().splitlines()


def test_loading_makes_no_redirects_from_english_slugs(starter, client):
    from wagtail.contrib.redirects.models import Redirect

    assert [redirect.old_path for redirect in Redirect.objects.all()] == ["/star"]
    assert client.get("/es/star-procedure/").status_code == 404


def test_bad_spanish_data_stops_with_a_clear_error_and_loads_nothing(db, tmp_path):
    import json
    import shutil

    from django.core.management import CommandError

    shutil.copytree(STARTER_DIR, tmp_path, dirs_exist_ok=True)
    terms_file = tmp_path / "es" / "glossary.json"
    terms = json.loads(terms_file.read_text())
    terms[0]["definiton"] = terms[0].pop("definition")  # a misspelt field
    terms_file.write_text(json.dumps(terms))

    with pytest.raises(CommandError, match=r"es/glossary.json, Ablación: unknown fields"):
        load(directory=str(tmp_path))
    assert not Page.objects.filter(locale__language_code="es").exists()
    assert not GlossaryTerm.objects.exists()


def main_menu(client, path):
    """The pages the header's main menu links to, in its order."""
    menu = parse(client.get(path)).select_one("nav.site-nav")
    return [
        Page.objects.get(url_path__endswith=link["href"].removeprefix("/es"))
        for link in menu.find_all("a")
    ]


def test_the_spanish_menu_lists_its_pages_in_the_english_order(client, starter):
    english = main_menu(client, "/")
    translated = [page.get_translation_or_none(spanish()) for page in english]
    assert main_menu(client, "/es/") == [page for page in translated if page is not None]
