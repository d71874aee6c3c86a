"""Plain Spanish, measured: Spanish pages are scored with the Spanish formulas (INFLESZ and
Fernández-Huerta), chosen by the page's language, and flag Spanish medical words."""

import pytest
from django.urls import reverse
from textstat.textstat import textstatistics
from wagtail.models import Locale
from wagtail.test.utils.form_data import rich_text

from content.glossary.models import GlossaryTerm
from content.glossary.terms import Glossary
from content.plain_language.checks import check
from content.plain_language.readability import (
    document_language,
    fernandez_huerta,
    inflesz,
    inflesz_band,
    language_of,
    readable_text,
)

from .conftest import edit_form_data, parse, publish

EASY = "El médico calienta el tumor. Usted vuelve a casa el mismo día."
HARD = (
    "La ablación percutánea por radiofrecuencia constituye una intervención terapéutica "
    "paliativa indicada en determinadas lesiones metastásicas osteolíticas vertebrales."
)
EMPTY_GLOSSARY = Glossary(entries=(), url="")


def spanish(html):
    return f'<html lang="es"><body><main>{html}</main></body></html>'


def test_inflesz_is_the_szigriszt_pazos_formula_with_spanish_syllables():
    reference = textstatistics()
    reference.set_lang("es")
    words, sentences = 12, 2
    syllables = reference.syllable_count(EASY)
    expected = 206.84 - 62.3 * syllables / words - words / sentences
    assert inflesz(EASY) == pytest.approx(expected, abs=0.01)
    # Spanish syllables, not English ones: "médico" has three.
    assert reference.syllable_count("médico") == 3


def test_easy_spanish_scores_high_and_hard_spanish_low():
    assert inflesz(EASY) >= 80 and inflesz_band(inflesz(EASY)).startswith("muy fácil")
    assert inflesz(HARD) < 40 and inflesz_band(inflesz(HARD)).startswith("muy difícil")
    assert fernandez_huerta(EASY) > fernandez_huerta(HARD)


def test_the_language_comes_from_the_page():
    assert document_language(spanish("<p>Hola.</p>")) == "es"
    assert document_language('<html lang="es-MX"><main></main></html>') == "es"
    assert document_language('<html lang="en"><main></main></html>') == "en"
    assert document_language("<main><p>No html element.</p></main>") == "en"
    assert language_of("fr") == "en"  # only English and Spanish have measures


def test_a_spanish_page_is_scored_with_the_spanish_formulas():
    report = check(spanish(f"<p>{EASY}</p>"), EMPTY_GLOSSARY)
    assert report.language == "es" and report.is_spanish
    assert report.inflesz == round(inflesz(f"{EASY}"), 1)
    assert report.fernandez_huerta == round(fernandez_huerta(EASY), 1)
    assert report.grade is None and report.smog is None
    assert report.meets_target

    hard = check(spanish(f"<p>{HARD}</p>"), EMPTY_GLOSSARY)
    assert not hard.meets_target and not hard.passes


def test_the_same_text_as_english_is_graded_not_scored():
    report = check(f"<main><p>{EASY}</p></main>", EMPTY_GLOSSARY, language="en")
    assert report.language == "en" and report.grade is not None and report.inflesz is None


def test_spanish_medical_words_are_flagged_in_their_spanish_forms():
    html = spanish(
        "<p>Le ponen anestesia local. Los tumores de la columna pueden causar una fractura "
        "por compresión. Puede necesitar una cifoplastia.</p>"
    )
    report = check(html, EMPTY_GLOSSARY)
    assert report.unexplained_terms == [
        "anestesia",
        "cifoplastia",
        "fractura por compresión",
        "tumores",
    ]
    # English rules would miss every one of them.
    assert check(html, EMPTY_GLOSSARY, language="en").unexplained_terms == []


def test_spanish_sentences_are_split_at_question_marks_and_accented_capitals():
    long_question = (
        "¿Qué pasa si el dolor vuelve a empezar unas semanas después del tratamiento y "
        "no se calma con las medicinas que ya tomo en casa?"
    )
    html = spanish(f"<p>¿Duele? Él le explicará todo. {long_question}</p>")
    report = check(html, EMPTY_GLOSSARY)
    assert report.long_sentences == [long_question]


def test_the_readable_text_of_a_spanish_page_keeps_its_accents():
    assert readable_text(spanish("<p>Cómo le puede ayudar</p>")) == "Cómo le puede ayudar."


@pytest.fixture
def spanish_page(home, standard_page):
    """The accessibility statement's Spanish translation, published."""
    spanish_locale = Locale.objects.get(language_code="es")
    page = standard_page.copy_for_translation(spanish_locale, copy_parents=True)
    page.title = "Declaración de accesibilidad"
    page.summary = "Cómo hacemos que este sitio sirva a todos."
    page.body = [{"type": "paragraph", "value": "<p>Llámenos si algo no le funciona.</p>"}]
    return publish(page)


def draft_check(client, page, body_html):
    """The editor's plain-language check on an unsaved draft of the page."""
    url, data = edit_form_data(client, page)
    data["body-0-value"] = rich_text(body_html)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url, {"mode": "plain-language"})
    assert response.status_code == 200
    return parse(response)


def test_the_editor_check_of_a_spanish_page_shows_inflesz(editor_client, contact, spanish_page):
    soup = draft_check(editor_client, spanish_page, f"<p>{EASY}</p>")
    assert soup.select_one("#fk-grade") is None
    score = float(soup.select_one("#inflesz").get_text())
    assert score >= 65
    assert soup.select_one("#fernandez-huerta")
    assert "bastante fácil" in soup.select_one("#grade-result").get_text()


def test_the_editor_check_of_a_spanish_page_uses_the_spanish_glossary(
    editor_client, contact, spanish_page
):
    spanish_locale = Locale.objects.get(language_code="es")
    GlossaryTerm.objects.create(term="Kyphoplasty", definition="A way to fix a broken bone.")
    body = "<p>Puede necesitar una cifoplastia. Es un tratamiento corto.</p>"
    terms = [li.get_text() for li in draft_check(editor_client, spanish_page, body).select("li")]
    assert "cifoplastia" in terms  # the English entry does not explain the Spanish word

    GlossaryTerm.objects.create(
        term="Cifoplastia", definition="Un tratamiento con cemento.", locale=spanish_locale
    )
    soup = draft_check(editor_client, spanish_page, body)
    assert soup.select_one("#unexplained-term-list") is None


def test_every_spanish_starter_page_reads_at_inflesz_65_or_above(db, client, capsys):
    from django.core.management import call_command
    from wagtail.models import Page

    from content.plain_language.checks import current_glossary

    call_command("load_content", verbosity=0)
    # Every Spanish page, the enquiry form too (it has no editor's check, but patients read it).
    pages = list(Page.objects.live().filter(locale__language_code="es").specific())
    # home, procedure, glossary, enquiry form, accessibility, privacy, language help
    assert len(pages) == 7
    glossary = current_glossary("es")
    assert glossary.entries  # the Spanish glossary, not an empty one
    for page in pages:
        report = check(client.get(page.url).content.decode(), glossary)
        with capsys.disabled():
            print(f"\n{page.url}: INFLESZ {report.inflesz}, FH {report.fernandez_huerta}", end="")
        assert report.is_spanish, page.url
        assert report.words > 100, page.url  # the real page, not an empty shell
        assert report.inflesz >= 65, page.url
        assert report.long_sentences == [], page.url
        assert report.unexplained_terms == [], page.url
