"""The glossary: terms marked once per page where a patient reads them, and listed A to Z."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from textstat import lexicon_count

from content.glossary.models import GlossaryPage, GlossaryTerm
from content.plain_language.readability import grade, readable_text, smog

from .conftest import paragraph, parse, publish
from .test_query_counts import MAX_QUERIES, count_queries, grow


@pytest.fixture
def glossary(home):
    GlossaryTerm.objects.create(
        term="Tumor",
        definition="A lump of cells that grow when they should not.",
        other_forms="tumors",
    )
    GlossaryTerm.objects.create(term="Sedation", definition="Medicine that makes you sleepy.")
    GlossaryTerm.objects.create(term="Ablation", definition="A treatment that destroys tissue.")
    page = GlossaryPage(title="Words we use", slug="glossary", intro="What the words mean.")
    home.add_child(instance=page)
    return publish(page)


@pytest.fixture
def page_with_terms(procedure_page, glossary):
    """'tumor' in a heading, in a link, then in several paragraphs."""
    procedure_page.how_it_works_heading = "How the tumor is treated"
    procedure_page.how_it_works = [
        paragraph('Read <a href="https://example.org/tumor">about the tumor</a> first.'),
        paragraph("A thin probe heats the tumor. The tumors shrink."),
        paragraph("You get sedation. The sedation wears off."),
    ]
    return publish(procedure_page)


def marked(soup):
    return soup.select("main a.glossary-term")


def test_each_term_is_marked_once_where_a_patient_reads_it(client, contact, page_with_terms):
    soup = parse(client.get(page_with_terms.url))
    links = marked(soup)
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("tumor", "/glossary/#tumor"),
        ("sedation", "/glossary/#sedation"),
    ]
    first = links[0]
    assert (
        first.find_parent("p").get_text(" ", strip=True)
        == "A thin probe heats the tumor . The tumors shrink."
    )
    definitions = []
    for link in links:
        assert link.find_parent(["h1", "h2", "h3", "h4", "a", "nav", "summary"]) is None
        definition = soup.find(id=link["aria-describedby"])
        assert definition.find_parent(attrs={"hidden": True}) is not None
        definitions.append(definition.get_text())
    assert definitions == [
        "Tumor: A lump of cells that grow when they should not.",
        "Sedation: Medicine that makes you sleepy.",
    ]
    heading = soup.select_one("#how-it-works-heading")
    assert heading.get_text() == "How the tumor is treated" and not heading.find("a")
    assert soup.select_one("a[href='https://example.org/tumor']").get_text() == "about the tumor"


def test_marking_changes_no_word_the_readability_measure_counts(client, contact, page_with_terms):
    marked_text = readable_text(client.get(page_with_terms.url).content.decode())
    GlossaryTerm.objects.all().delete()
    plain_html = client.get(page_with_terms.url).content.decode()
    assert marked(parse_html(plain_html)) == []
    plain_text = readable_text(plain_html)
    assert "Medicine that makes you sleepy." not in marked_text  # the hidden definitions
    assert lexicon_count(marked_text) == lexicon_count(plain_text)
    assert (grade(marked_text), smog(marked_text)) == (grade(plain_text), smog(plain_text))


def parse_html(html):
    return BeautifulSoup(html, "html.parser")


def test_a_new_term_is_marked_at_once(admin_client, client, contact, page_with_terms):
    client.get(page_with_terms.url)  # the glossary is now cached
    url = reverse("wagtailsnippets_glossary_glossaryterm:add")
    data = {"term": "Probe", "definition": "A thin tool.", "other_forms": "probes"}
    data["action-publish"] = "action-publish"
    assert admin_client.post(url, data).status_code == 302
    soup = parse(client.get(page_with_terms.url))
    assert "probe" in [a.get_text() for a in marked(soup)]


def test_an_empty_definition_is_refused_beside_the_field(admin_client, glossary):
    url = reverse("wagtailsnippets_glossary_glossaryterm:add")
    data = {"term": "Vertebra", "definition": "   ", "other_forms": "vertebrae"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    wrapper = (
        parse(response).select_one("[name='definition']").find_parent(attrs={"data-field": True})
    )
    assert "Explain the term in plain words." in wrapper.get_text()
    assert not GlossaryTerm.objects.filter(term="Vertebra").exists()


def test_the_glossary_page_lists_every_term_a_to_z(client, contact, glossary):
    soup = parse(client.get(glossary.url))
    assert [a.get_text() for a in soup.select(".glossary__letters a")] == ["A", "S", "T"]
    terms = [(dt["id"], dt.get_text(strip=True)) for dt in soup.select("dl dt")]
    assert terms == [("ablation", "Ablation"), ("sedation", "Sedation"), ("tumor", "Tumor")]
    for letter in soup.select(".glossary__letters a"):
        assert soup.find(id=letter["href"][1:])
    assert soup.select_one("#tumor").find_next_sibling("dd").get_text() == (
        "A lump of cells that grow when they should not."
    )
    assert len(soup.find_all("h1")) == 1


def test_no_marking_without_a_live_glossary_page(client, contact, page_with_terms, glossary):
    glossary.unpublish()
    assert marked(parse(client.get(page_with_terms.url))) == []


def test_glossary_marking_keeps_the_query_budget(client, contact, home, page_with_terms, clinician):
    page_with_terms.last_reviewed = page_with_terms.last_published_at.date()
    page_with_terms.reviewed_by = clinician
    grow(page_with_terms, home, times=1)
    before = count_queries(client, page_with_terms.url)
    assert marked(parse(client.get(page_with_terms.url)))  # marking is on
    grow(page_with_terms, home, times=5)
    after = count_queries(client, page_with_terms.url)
    assert after == before <= MAX_QUERIES


def test_an_editors_term_goes_live_only_after_clinical_review(
    editor_client, reviewer_client, client, contact, page_with_terms
):
    client.get(page_with_terms.url)  # the glossary is now cached
    url = reverse("wagtailsnippets_glossary_glossaryterm:add")
    data = {"term": "Probe", "definition": "A thin tool.", "other_forms": "probes"}
    assert editor_client.post(url, {**data, "action-publish": "publish"}).status_code == 302
    term = GlossaryTerm.objects.get(term="Probe")
    assert not term.live  # an editor cannot publish: a draft

    edit_url = reverse("wagtailsnippets_glossary_glossaryterm:edit", args=(term.pk,))
    assert editor_client.post(edit_url, {**data, "action-submit": "submit"}).status_code == 302
    term.refresh_from_db()
    assert term.current_workflow_state.workflow.name == "Clinical review"
    assert "probe" not in [a.get_text() for a in marked(parse(client.get(page_with_terms.url)))]

    approve_url = reverse(
        "wagtailsnippets_glossary_glossaryterm:workflow_action",
        args=(term.pk, "approve", term.current_workflow_task_state.pk),
    )
    reviewer_client.post(approve_url, {"comment": ""})
    term.refresh_from_db()
    assert term.live
    assert "probe" in [a.get_text() for a in marked(parse(client.get(page_with_terms.url)))]
    assert parse(client.get("/glossary/")).select_one("#probe")


def test_the_starter_glossary_loads_once_and_keeps_staff_edits(db):
    from django.core.management import call_command

    call_command("load_content", verbosity=0)
    terms = {term.term for term in GlossaryTerm.objects.filter(live=True)}
    assert {"Metastasis", "Radiofrequency energy", "Ablation", "Conscious sedation"} <= terms
    assert {"Local anesthetic", "Vertebra", "Compression fracture", "Bone cement"} <= terms
    assert {"Radiation dose limit"} <= terms

    loaded = GlossaryTerm.objects.count()  # each language's terms ("Tumor" is in both)
    edited = GlossaryTerm.objects.get(term="Vertebra")
    edited.definition = "A bone of the spine, as our staff put it."
    edited.save()
    call_command("load_content", verbosity=0)
    assert GlossaryTerm.objects.count() == loaded
    edited.refresh_from_db()
    assert edited.definition == "A bone of the spine, as our staff put it."
