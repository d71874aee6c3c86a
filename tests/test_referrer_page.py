"""The page for referring physicians, and the ways to reach it and the enquiry form."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.enquiries.models import EnquiryFormPage
from content.pages.models import HomePage, ProcedurePage, ReferrerPage

from .conftest import edit_form_data, parse, publish

SECTIONS = [
    "summary",
    "indications",
    "patient-selection",
    "evidence",
    "complications",
    "how-to-refer",
    "what-to-send",
    "contact",
    "references",
]


@pytest.fixture
def referrer_page(starter):
    return ReferrerPage.objects.get()


def test_referrer_page_has_every_section_in_order(client, referrer_page):
    soup = parse(client.get(referrer_page.url))
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == ["For referring physicians"]
    assert [s["id"] for s in soup.select("article > section")] == SECTIONS
    assert [s["id"] for s in soup.select("#patient-selection > section")] == [
        "usually-suitable",
        "needs-review",
    ]
    toc = [a["href"] for a in soup.select("nav.toc a")]
    assert toc == [f"#{anchor}" for anchor in SECTIONS]


def test_evidence_is_in_numbers_with_the_references_listed(client, referrer_page):
    soup = parse(client.get(referrer_page.url))
    evidence = soup.find(id="evidence").get_text(" ", strip=True)
    for number in ("5.9", "2.6", "2.1", "8.0", "3.9", "2.9", "725 patients"):
        assert number in evidence
    assert "16 of 583" in soup.find(id="complications").get_text(" ", strip=True)
    references = soup.select("#references ol.references > li")
    assert len(references) == 5
    assert (
        references[0]
        .get_text(" ", strip=True)
        .startswith("Bagla S, Sayed D, Smirniotopoulos J, et al.")
    )


def test_how_to_refer_shows_phone_fax_email_and_the_checklist(client, referrer_page):
    soup = parse(client.get(referrer_page.url))
    how = soup.find(id="how-to-refer")
    details = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in how.find_all("dt")
    }
    assert details["Phone"].startswith("555-0100")
    assert details["Fax"] == "555-0101"
    assert details["Email"] == "spine-tumor-program@example.org"
    checklist = [li.get_text(" ", strip=True) for li in soup.select("#what-to-send li")]
    assert len(checklist) == 7
    assert any("MRI" in item for item in checklist)


def test_home_and_procedure_pages_link_to_the_referrer_page_and_the_form(client, referrer_page):
    form_page = EnquiryFormPage.objects.get(slug="ask-us")
    for page in (
        HomePage.objects.get(slug="home"),
        ProcedurePage.objects.get(slug="star-procedure"),
    ):
        links = {a["href"] for a in parse(client.get(page.url)).select("main a")}
        assert referrer_page.url in links
    home_links = {a["href"] for a in parse(client.get("/")).select("main a")}
    assert form_page.url in home_links


def test_the_procedure_page_still_reads_at_grade_8_with_the_new_link(client, referrer_page):
    from content.plain_language.readability import grade, readable_text

    page = ProcedurePage.objects.get(slug="star-procedure")
    assert grade(readable_text(client.get(page.url).content.decode())) <= 8


def test_staff_can_edit_the_enquiry_forms_fields(admin_client, client, referrer_page):
    form_page = EnquiryFormPage.objects.get(slug="ask-us")
    url, data = edit_form_data(admin_client, form_page)
    # querydict_from_html reads a checked box with no value attribute as "", where a
    # browser sends "on".
    for key in [key for key, value in data.items() if key.endswith("-required") and value == ""]:
        data[key] = "on"
    data["form_fields-0-label"] = "Your full name"
    data["action-publish"] = "publish"
    response = admin_client.post(url, data)
    assert response.status_code == 302, parse(response).select(".error-message")
    labels = [
        label.get_text(strip=True)
        for label in parse(client.get(form_page.url)).select("form.enquiry-form .form-field label")
    ]
    assert labels[0] == "Your full name"
    assert "Email address (optional)" in labels


def test_admin_lists_enquiries_under_forms(admin_client, referrer_page):
    response = admin_client.get(reverse("wagtailforms:index"))
    assert response.status_code == 200
    form_page = EnquiryFormPage.objects.get(slug="ask-us")
    link = reverse("wagtailforms:list_submissions", args=(form_page.pk,))
    assert parse(response).find("a", href=link)


def test_how_to_refer_stays_when_staff_empty_its_text(client, referrer_page):
    referrer_page.how_to_refer = []
    referrer_page.referral_checklist = []
    publish(referrer_page)
    soup = parse(client.get(referrer_page.url))
    ids = [s["id"] for s in soup.select("article > section")]
    assert "how-to-refer" in ids and "what-to-send" not in ids
    assert soup.select_one("#how-to-refer a[href^='tel:']").get_text() == "555-0100"


REFERRER_STREAMS = (
    "indications",
    "usually_suitable",
    "needs_review",
    "evidence",
    "complications",
    "how_to_refer",
    "referral_checklist",
    "team_contact",
)


def test_admin_creates_and_publishes_a_referrer_page(admin_client, home, contact, reference):
    data = {
        "title": "For doctors",
        "slug": "for-doctors",
        "summary": "How to refer a patient.",
        "page_references": inline_formset([{"reference": str(reference.pk)}]),
        "action-publish": "publish",
    }
    for model_field in ReferrerPage._meta.fields:
        if model_field.name.endswith("_heading"):
            data[model_field.name] = model_field.default
    for name in REFERRER_STREAMS:
        data[name] = streamfield([])
    data["evidence"] = streamfield([("paragraph", rich_text("<p>Pain fell from 5.9.</p>"))])
    url = reverse("wagtailadmin_pages:add", args=("content", "referrerpage", home.pk))
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 302, parse(response).select(".error-message")

    page = ReferrerPage.objects.get(slug="for-doctors")
    soup = parse(admin_client.get(page.url))
    assert [s["id"] for s in soup.select("article > section")] == [
        "summary",
        "evidence",
        "how-to-refer",
        "references",
    ]
    assert "5.9" in soup.find(id="evidence").get_text()
