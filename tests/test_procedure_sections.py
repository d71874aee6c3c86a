"""The sections patients look for beyond the procedure itself: other treatments, getting
ready, at home afterwards, questions to ask, costs and where to find us."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from content.organisation.models import VisitingSettings

from .conftest import checklist, parse, publish

NEW_SECTIONS = {
    "other-treatments": "Other treatments",
    "getting-ready": "Getting ready",
    "at-home": "At home afterwards",
    "questions-to-ask": "Questions to ask your care team",
    "costs": "Costs and insurance",
    "find-us": "Where to find us",
}


@pytest.fixture
def visiting(db):
    return VisitingSettings.objects.create(
        parking="Park in the Lot C garage.",
        public_transport="The 47 bus stops outside.",
        accessible_entrance="The Main Street door has a ramp.",
        price_estimator_url="https://springfield-general.org/estimate",
    )


@pytest.fixture
def address(contact):
    contact.address = "Spine Tumor Program\n100 Main Street\nSpringfield"
    contact.save()
    return contact


def contents_list(soup):
    return {a["href"][1:]: a.get_text(strip=True) for a in soup.select("nav.toc a")}


def test_each_new_section_has_its_anchor_heading_and_place_in_the_list(
    client, procedure_page, address, visiting
):
    soup = parse(client.get(procedure_page.url))
    listed = contents_list(soup)
    for anchor, heading in NEW_SECTIONS.items():
        section = soup.select_one(f"article > section#{anchor}")
        assert section is not None, anchor
        assert section.h2.get_text(strip=True) == heading
        assert listed[anchor] == heading
    order = [section["id"] for section in soup.select("article > section")]
    assert order.index("how-it-works") < order.index("other-treatments")
    assert order.index("other-treatments") < order.index("the-procedure")
    assert order.index("getting-ready") < order.index("at-home") < order.index("risks")
    assert order.index("questions-to-ask") < order.index("questions") < order.index("costs")
    assert order.index("costs") < order.index("find-us") < order.index("references")


@pytest.mark.parametrize(
    "field", ["other_treatments", "getting_ready", "at_home", "questions_to_ask", "costs"]
)
def test_an_empty_section_is_left_out_of_the_page_and_the_list(client, procedure_page, field):
    setattr(procedure_page, field, [])
    publish(procedure_page)
    soup = parse(client.get(procedure_page.url))
    anchor = field.replace("_", "-")
    assert soup.select_one(f"section#{anchor}") is None
    assert anchor not in contents_list(soup)


def test_checklists_print_as_lists_with_tick_boxes(client, procedure_page):
    procedure_page.questions_to_ask = [
        checklist("", ["Is my pain coming from the tumor?", "Will I need bone cement?"])
    ]
    procedure_page.getting_ready = [checklist("What to bring", ["Your insurance card"])]
    publish(procedure_page)
    soup = parse(client.get(procedure_page.url))
    questions = soup.select("#questions-to-ask .checklist__items > li")
    assert [li.get_text(strip=True) for li in questions] == [
        "Is my pain coming from the tumor?",
        "Will I need bone cement?",
    ]
    assert soup.select_one("#questions-to-ask .checklist__heading") is None
    bring = soup.select_one("#getting-ready .checklist")
    assert bring.select_one(".checklist__heading").get_text(strip=True) == "What to bring"
    assert not soup.select("input[type=checkbox]")  # drawn boxes: nothing to submit


def test_where_to_find_us_comes_from_the_settings(client, procedure_page, address, visiting):
    section = parse(client.get(procedure_page.url)).select_one("#find-us")
    terms = [dt.get_text(strip=True) for dt in section.select("dt")]
    assert terms == ["Address", "Parking", "Public transport", "Step-free entrance"]
    assert section.address.get_text(" ", strip=True) == (
        "Spine Tumor Program 100 Main Street Springfield"
    )
    text = section.get_text(" ")
    for words in ("Lot C garage", "47 bus", "Main Street door has a ramp"):
        assert words in text
    # No embedded map: nothing loads from a third party until the visitor asks.
    assert not section.select("iframe, img, script")


def test_the_map_links_open_the_address_in_the_visitors_map_app(client, procedure_page, address):
    links = parse(client.get(procedure_page.url)).select("#find-us .find-us__maps a")
    assert [link.get_text() for link in links] == ["Apple Maps", "Google Maps"]
    expected = "Spine Tumor Program, 100 Main Street, Springfield"
    apple, google = (urlsplit(link["href"]) for link in links)
    assert apple.netloc == "maps.apple.com" and parse_qs(apple.query)["q"] == [expected]
    assert google.netloc == "www.google.com" and parse_qs(google.query)["query"] == [expected]


def test_where_to_find_us_is_left_out_without_an_address_or_directions(client, procedure_page):
    soup = parse(client.get(procedure_page.url))
    assert soup.select_one("#find-us") is None and "find-us" not in contents_list(soup)


def test_directions_alone_make_the_section(client, procedure_page, contact):
    VisitingSettings.objects.create(parking="Park in the Lot C garage.")
    section = parse(client.get(procedure_page.url)).select_one("#find-us")
    assert [dt.get_text(strip=True) for dt in section.select("dt")] == ["Parking"]
    assert section.address is None and not section.select(".find-us__maps")


def test_costs_link_to_the_price_estimator_from_the_settings(client, procedure_page, visiting):
    costs = parse(client.get(procedure_page.url)).select_one("#costs")
    assert "Your insurer may need to approve it first." in costs.get_text()
    (link,) = costs.select(".costs__estimator a")
    assert link["href"] == "https://springfield-general.org/estimate"
    assert "price estimate" in link.get_text()


def test_costs_without_an_estimator_show_the_guidance_alone(client, procedure_page):
    costs = parse(client.get(procedure_page.url)).select_one("#costs")
    assert costs is not None and not costs.select(".costs__estimator")


def test_saving_the_settings_updates_cached_pages(client, procedure_page, address, visiting):
    assert "Lot C" in client.get(procedure_page.url).content.decode()
    visiting.parking = "Park in the Lot D garage."
    visiting.save()
    page = client.get(procedure_page.url).content.decode()
    assert "Lot D" in page and "Lot C" not in page


def test_a_bad_estimator_address_is_refused_with_a_message(admin_client, visiting):
    url = reverse("wagtailsettings:edit", args=["organisation", "visitingsettings", visiting.pk])
    response = admin_client.post(
        url,
        {
            "parking": "Park in the Lot C garage.",
            "public_transport": "",
            "accessible_entrance": "",
            "price_estimator_url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200
    assert "Enter a valid URL." in parse(response).get_text()
    visiting.refresh_from_db()
    assert visiting.price_estimator_url == "https://springfield-general.org/estimate"


def test_the_dashboard_flags_example_directions_until_staff_replace_them(admin_client, db):
    VisitingSettings.objects.create(parking="Park on Example Street.")
    dashboard = parse(admin_client.get(reverse("wagtailadmin_home")))
    panel = dashboard.select_one("#example-contact-details-section")
    visiting_url = reverse("wagtailsettings:edit", args=["organisation", "visitingsettings"])
    assert visiting_url in [a["href"] for a in panel.select("li a")]
