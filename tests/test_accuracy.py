"""What the starter pages say, checked against the brief (CONTENT.md), and the numbers
patients need shown where they need them."""

import pytest
from wagtail.models import Page

from content.pages.models import ProcedurePage, Reference
from content.starter.loader import load_references
from content.starter.report import Report

from .conftest import parse, publish


def page_text(client, slug):
    return " ".join(parse(client.get(Page.objects.get(slug=slug).url)).main.get_text(" ").split())


@pytest.mark.parametrize(
    "claim",
    [
        "without a break",  # not in the literature the brief cites
        "small number of people",  # a number instead
        "FDA",  # the brief: no clearance year could be confirmed
        "without harming",  # the heat is kept in the tumor as far as possible
        "shown on this page",  # the numbers themselves instead
    ],
)
def test_the_starter_pages_make_no_claim_the_brief_rules_out(starter, client, claim):
    for slug in ("star-procedure", "for-referring-physicians", "home"):
        assert claim not in page_text(client, slug), slug


def test_when_to_call_the_care_team_shows_the_day_and_after_hours_numbers(starter, client):
    soup = parse(client.get(Page.objects.get(slug="star-procedure").url))
    (callout,) = soup.select("#at-home .callout--contact")
    numbers = callout.select_one(".callout__numbers")
    assert [a["href"] for a in numbers.find_all("a")] == ["tel:5550100", "tel:5550102"]
    assert "At night and at weekends, call 555-0102." in numbers.get_text()


def test_the_callout_numbers_follow_the_contact_details(contact, client, procedure_page):
    contact.after_hours_phone = "555-0199"
    contact.save()
    procedure_page.after = [
        {
            "type": "callout",
            "value": {
                "urgency": "contact",
                "heading": "Call us if",
                "text": "<p>You have a fever.</p>",
                "show_phone_numbers": True,
            },
        }
    ]
    publish(procedure_page)
    numbers = parse(client.get(procedure_page.url)).select_one(".callout__numbers")
    assert "555-0100" in numbers.get_text() and "555-0199" in numbers.get_text()


def test_references_are_complete_with_their_identifiers(starter, client):
    references = parse(client.get(ProcedurePage.objects.get(slug="star-procedure").url)).select(
        ".references li"
    )
    text = [" ".join(li.get_text().split()) for li in references]
    wallace = next(t for t in text if t.startswith("Wallace AN, Greenwood TJ, Jennings JW."))
    assert "Journal of Neuro-Oncology, 2015;124(1):111-118." in wallace
    assert "https://doi.org/10.1007/s11060-015-1813-2" in wallace
    murali = next(li for li in references if "Murali N" in li.get_text())
    assert murali.find("a", href="https://pubmed.ncbi.nlm.nih.gov/34742319/")
    assert any("NICE" in t and "2022" in t for t in text)


def test_the_loader_fills_in_a_references_missing_details_and_keeps_the_rest(db):
    Reference.objects.create(authors="Wallace A.N. et al.", title="Paper", year=2015)
    load_references(
        [
            {
                "key": "wallace",
                "authors": "Wallace AN, Greenwood TJ, Jennings JW.",
                "title": "Paper",
                "year": 2015,
                "details": "124(1):111-118",
                "doi": "10.1007/s11060-015-1813-2",
            }
        ],
        Report(),
    )
    reference = Reference.objects.get()
    assert reference.authors == "Wallace A.N. et al."  # staff's, or the earlier load's
    assert reference.details == "124(1):111-118"
    assert reference.doi == "10.1007/s11060-015-1813-2"


def test_the_page_makes_sense_on_paper_without_the_glossary(starter, client):
    text = page_text(client, "star-procedure")
    assert "The STAR procedure is the short name for spinal tumor radiofrequency ablation" in text
    assert "(this is called ablation)" in text
    assert "MRI scan (pictures made with a strong magnet)" in text
    assert "CT scan (pictures made with X-rays and a computer)" in text
    assert "at several US hospitals" in text  # the brief: no number of centers


def test_in_short_says_what_it_does_and_does_not_do_and_what_to_do_next(starter, client):
    soup = parse(client.get(Page.objects.get(slug="star-procedure").url))
    summary = soup.select_one("#summary").get_text(" ")
    assert "It does not cure the cancer." in summary
    assert "ask your cancer doctor or call us" in summary
    assert soup.select_one("#summary").find_next("nav", class_="toc")  # before the contents


def test_the_patients_own_steps_are_one_numbered_list_with_reasons(starter, client):
    before = parse(client.get(Page.objects.get(slug="star-procedure").url)).select_one("#before")
    steps = [li.find(class_="steps__title").get_text(strip=True) for li in before.select("ol > li")]
    assert steps == [
        "Ask your cancer doctor to send us a referral",
        "Make a list of all your medicines",
        "Follow our instructions on eating and drinking",
        "Arrange for an adult to take you home",
    ]
    assert "because it raises the risk of bleeding." in before.get_text(" ")


def test_study_results_lead_with_whole_numbers_and_keep_the_exact_figures_closed(starter, client):
    results = parse(client.get(Page.objects.get(slug="star-procedure").url)).select_one(
        "#recovery-and-results"
    )
    (detail,) = results.select("details.more-detail")
    assert not detail.has_attr("open")
    assert detail.summary.get_text(strip=True) == "About the studies: the exact figures"
    assert "5.9 to 2.6" in detail.get_text() and "5.9" not in text_outside(results, detail)
    assert "from about 6 to about 3" in text_outside(results, detail)


def text_outside(section, detail):
    return section.get_text(" ").replace(detail.get_text(" "), "")
