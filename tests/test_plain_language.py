"""The plain-language check editors see in the page editor, on their unsaved draft."""

from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import rich_text

from content.glossary.models import GlossaryTerm
from content.glossary.terms import Glossary, current_glossary
from content.pages.models import ProcedurePage, ReferrerPage
from content.plain_language.checks import PlainLanguageCheckMixin, check
from content.plain_language.readability import grade, readable_text, smog

from .conftest import edit_form_data, parse

EASY = "The doctor heats the tumor. You go home the same day."
LONG_SENTENCE = (
    "After the treatment most people can go home the same day but a few people "
    "need to stay the night so the team can watch."
)
UNEXPLAINED = "kyphoplasty"
EMPTY_GLOSSARY = Glossary(entries=(), url="")


def test_a_known_text_has_a_known_grade():
    report = check(f"<main><p>{EASY}</p></main>", EMPTY_GLOSSARY)
    assert (report.grade, report.smog) == (round(grade(EASY), 1), round(smog(EASY), 1))
    assert report.grade == 0.7
    assert report.meets_target and report.long_sentences == []


def test_sentences_over_20_words_and_unexplained_terms_are_listed():
    assert len(LONG_SENTENCE.split()) == 25
    html = f"<main><p>{EASY} {LONG_SENTENCE}</p><p>You may have {UNEXPLAINED}.</p></main>"
    report = check(html, EMPTY_GLOSSARY)
    assert report.long_sentences == [LONG_SENTENCE]
    assert report.unexplained_terms == ["kyphoplasty", "tumor"]
    assert not report.passes


def draft_check(client, page, benefits_html):
    """The check on an edited, unsaved draft, as the editor's preview panel shows it."""
    url, data = edit_form_data(client, page)
    data["benefits-0-value"] = rich_text(benefits_html)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url, {"mode": "plain-language"})
    assert response.status_code == 200
    return parse(response)


def test_the_editor_offers_the_check_as_a_preview_mode(editor_client, procedure_page):
    url = reverse("wagtailadmin_pages:edit", args=(procedure_page.pk,))
    soup = parse(editor_client.get(url))
    modes = {option["value"]: option.get_text(strip=True) for option in soup.select("option")}
    assert modes.get("plain-language") == "Plain-language check"


def test_the_check_reports_on_the_unsaved_draft(editor_client, contact, procedure_page):
    soup = draft_check(
        editor_client, procedure_page, f"<p>{LONG_SENTENCE}</p><p>You may need {UNEXPLAINED}.</p>"
    )
    long_sentences = [li.get_text(strip=True) for li in soup.select("#long-sentence-list li")]
    assert long_sentences == [LONG_SENTENCE]
    terms = [li.get_text(strip=True) for li in soup.select("#unexplained-term-list li")]
    assert UNEXPLAINED in terms
    assert float(soup.select_one("#fk-grade").get_text()) >= 0
    assert soup.select_one("#smog-index")
    # Nothing was saved: the check ran on the draft only.
    assert procedure_page.get_latest_revision().pk == ProcedurePage.objects.get().latest_revision_id
    assert LONG_SENTENCE not in str(procedure_page.get_latest_revision().content)


def test_the_grade_shown_is_the_grade_of_the_draft_page(editor_client, contact, procedure_page):
    soup = draft_check(editor_client, procedure_page, f"<p>{EASY}</p>")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(procedure_page.pk,))
    text = readable_text(editor_client.get(preview_url).content.decode())
    assert EASY in text
    assert soup.select_one("#fk-grade").get_text() == str(round(grade(text), 1))


def test_a_glossary_entry_explains_the_term(editor_client, contact, procedure_page):
    GlossaryTerm.objects.create(term="Kyphoplasty", definition="A way to fix a broken bone.")
    soup = draft_check(editor_client, procedure_page, f"<p>You may need {UNEXPLAINED}.</p>")
    terms = [li.get_text(strip=True) for li in soup.select("#unexplained-term-list li")]
    assert UNEXPLAINED not in terms
    assert "probe" in terms  # the fixture's other medical words still have no entry


def test_the_starter_content_passes_the_check(starter, client, capsys):
    english = Page.objects.live().filter(locale=Locale.get_default())
    pages = [
        page
        for page in english.specific().order_by("path")
        # The referrer page is written for physicians: the patient rules do not bind it.
        if isinstance(page, PlainLanguageCheckMixin) and not isinstance(page, ReferrerPage)
    ]
    # home, accessibility, glossary, privacy, procedure, language help (Spanish pages:
    # test_spanish_readability.py)
    assert len(pages) == 6
    for page in pages:
        report = check(client.get(page.url).content.decode(), current_glossary())
        with capsys.disabled():
            print(f"\n{page.url}: grade {report.grade}, SMOG {report.smog}", end="")
        assert report.grade <= 8, page.url
        assert report.long_sentences == [], page.url
        assert report.unexplained_terms == [], page.url
