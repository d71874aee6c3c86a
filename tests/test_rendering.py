"""Every page type renders at its URL with the structure patients and screen readers need."""

from django.utils import timezone

from .conftest import parse, publish

SECTION_ORDER = [
    "summary",
    "benefits",
    "how-it-works",
    "other-treatments",
    "the-procedure",
    "getting-ready",
    "at-home",
    "recovery-and-results",
    "risks",
    "questions-to-ask",
    "questions",
    "costs",
    "references",
]


def top_level_section_ids(soup):
    return [section["id"] for section in soup.select("article > section")]


def test_procedure_page_has_one_h1_and_every_section_in_order(client, procedure_page):
    response = client.get(procedure_page.url)
    assert response.status_code == 200
    soup = parse(response)
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == ["Spinal tumor ablation"]
    assert top_level_section_ids(soup) == SECTION_ORDER
    assert [s["id"] for s in soup.select("#the-procedure > section")] == [
        "before",
        "on-the-day",
        "after",
    ]


def test_on_this_page_links_match_the_sections(client, procedure_page):
    soup = parse(client.get(procedure_page.url))
    toc = soup.find("nav", attrs={"aria-labelledby": "toc-heading"})
    assert toc.find(id="toc-heading").get_text(strip=True) == "On this page"
    hrefs = [a["href"] for a in toc.find_all("a")]
    assert hrefs == [f"#{anchor}" for anchor in top_level_section_ids(soup)]
    for link in toc.find_all("a"):
        heading = soup.find(id=link["href"][1:]).find("h2")
        assert link.get_text(strip=True) == heading.get_text(strip=True)


def test_empty_sections_are_left_out_of_the_page_and_the_list(client, procedure_page):
    procedure_page.risks = []
    procedure_page.on_the_day = []
    procedure_page.page_references = []
    publish(procedure_page)
    soup = parse(client.get(procedure_page.url))
    ids = top_level_section_ids(soup)
    assert "risks" not in ids and "references" not in ids
    assert [s["id"] for s in soup.select("#the-procedure > section")] == ["before", "after"]
    assert {a["href"] for a in soup.select("nav[aria-labelledby=toc-heading] a")} == {
        f"#{anchor}" for anchor in ids
    }


def test_questions_open_without_javascript(client, procedure_page):
    soup = parse(client.get(procedure_page.url))
    details = soup.select("#questions details")
    assert [d.summary.get_text(strip=True) for d in details] == ["Will I be awake?"]
    assert "You will be drowsy." in details[0].get_text()


def test_references_are_listed_with_their_source(client, procedure_page):
    items = parse(client.get(procedure_page.url)).select("#references ol li")
    assert len(items) == 1
    assert "Bagla S, et al." in items[0].get_text()
    assert items[0].cite.get_text() == "CardioVascular and Interventional Radiology"


def test_standard_and_home_pages_render(client, home, standard_page, procedure_page):
    soup = parse(client.get(standard_page.url))
    assert soup.h1.get_text(strip=True) == "Accessibility statement"
    assert "Call us if something does not work for you." in soup.main.get_text()

    soup = parse(client.get(home.url))
    assert len(soup.find_all("h1")) == 1
    assert soup.select_one(f".cards a[href='{procedure_page.url}']") is not None


def test_layout_has_skip_link_landmarks_title_and_description(client, contact, procedure_page):
    soup = parse(client.get(procedure_page.url))
    assert soup.html["lang"] == "en"
    skip = soup.body.find("a")
    assert skip["href"] == "#main" and soup.find("main")["id"] == "main"
    assert soup.find("header") and soup.find("footer") and soup.find("nav")
    assert soup.title.get_text() == "Spinal tumor ablation – Test Spine Program"
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == procedure_page.summary


def test_search_description_wins_over_the_summary(client, procedure_page):
    procedure_page.search_description = "Ablation for spine tumor pain."
    publish(procedure_page)
    soup = parse(client.get(procedure_page.url))
    assert soup.find("meta", attrs={"name": "description"})["content"] == (
        "Ablation for spine tumor pain."
    )


def test_phone_numbers_are_tel_links_and_contact_details_show(client, contact, procedure_page):
    soup = parse(client.get(procedure_page.url))
    assert soup.select_one("header a[href='tel:5550100']").get_text() == "555-0100"
    footer = soup.find("footer")
    assert footer.select_one("a[href='tel:5550100']")
    assert "555-0101" in footer.get_text()
    assert "Call 911 if you cannot move your legs." in footer.get_text()
    assert "General information only." in footer.get_text()


def test_last_updated_date_is_a_time_element(client, procedure_page):
    time = parse(client.get(procedure_page.url)).select_one(".page-meta time")
    published = timezone.localtime(procedure_page.last_published_at)
    assert time["datetime"] == published.strftime("%Y-%m-%d")


def test_changed_contact_details_show_at_once(client, contact, procedure_page):
    client.get(procedure_page.url)  # the details are now cached
    contact.phone = "(617) 555-2368"
    contact.save()
    header = parse(client.get(procedure_page.url)).find("header")
    assert header.select_one("a[href='tel:6175552368']").get_text() == "(617) 555-2368"


def test_cached_sections_show_a_changed_reference_at_once(client, settings, procedure_page):
    """The sections are kept rendered per page revision; a snippet they show can change."""
    settings.WAGTAIL_CACHE = False  # only the section cache stands between edit and visitor
    client.get(procedure_page.url)
    reference = procedure_page.references()[0]
    reference.title = "A corrected study title"
    reference.save()
    references = parse(client.get(procedure_page.url)).select_one("#references")
    assert "A corrected study title" in references.get_text()
