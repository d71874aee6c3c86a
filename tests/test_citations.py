"""In-text citations link to their reference, and each cited reference links back."""

from content.pages.models import ProcedurePage

from .conftest import paragraph, parse, publish


def test_each_citation_links_to_its_entry_and_back(starter, client):
    soup = parse(client.get(ProcedurePage.objects.get(slug="star-procedure").url))
    citations = soup.select("a.citation")
    assert {a.get_text() for a in citations} >= {"Bagla 2016", "Wallace 2015", "NICE 2022"}
    ids = [a["id"] for a in citations]
    assert len(ids) == len(set(ids))  # every citation its own anchor
    for citation in citations:
        entry = soup.select_one(citation["href"])
        assert entry.name == "li" and entry.find_parent("ol", class_="references")
        surname, year = citation.get_text().split()
        assert entry.get_text().startswith(surname) and year in entry.get_text()
        back = entry.select_one("a.citation-back")
        assert soup.select_one(back["href"]).get_text().split()[0] == surname


def test_text_that_names_no_listed_reference_is_left_alone(client, procedure_page):
    procedure_page.benefits = [paragraph("As shown before (Smith 2001) and (Bagla 2016).")]
    publish(procedure_page)
    soup = parse(client.get(procedure_page.url))
    benefits = soup.select_one("#benefits")
    assert "(Smith 2001)" in benefits.get_text()
    assert [a.get_text() for a in benefits.select("a.citation")] == ["Bagla 2016"]
    assert soup.select_one("#reference-1 a.citation-back")["href"] == "#cite-1-1"
