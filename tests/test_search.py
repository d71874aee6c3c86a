"""Site search: live public pages only, clear messages, pages of results, a length limit."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from content.pages.models import StandardPage

from .conftest import paragraph, parse, publish


def search(client, query, **params):
    response = client.get(reverse("search"), {"q": query, **params})
    assert response.status_code == 200
    return parse(response)


def result_titles(soup):
    return [a.get_text(strip=True) for a in soup.select("main .search-result__title a")]


def message(soup):
    return soup.select_one("main .search-page__message").get_text(" ", strip=True)


def add_page(home, title, text, live=True):
    slug = title.lower().replace(" ", "-")
    page = StandardPage(title=title, slug=slug, summary=text, live=False)
    page.body = [paragraph(text)]
    home.add_child(instance=page)
    if live:
        publish(page)
    return page


@pytest.fixture
def procedure_with_cement(procedure_page):
    procedure_page.after = [paragraph("The doctor may fill the space with bone cement.")]
    return publish(procedure_page)


def test_search_finds_the_procedure_page_by_cement_and_never_a_draft(
    client, home, procedure_with_cement
):
    draft = add_page(home, "Cement draft", "A draft about bone cement.", live=False)
    private = add_page(home, "Cement private", "Staff notes on bone cement.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    soup = search(client, "cement")
    assert result_titles(soup) == [procedure_with_cement.title]
    assert draft.title not in soup.main.get_text()
    link = soup.select_one("main .search-result__title a")
    assert link["href"] == f"{procedure_with_cement.url}#after"  # the section that says it


def test_an_unpublished_change_is_not_searchable(client, procedure_page):
    procedure_page.risks = [paragraph("Unreviewed words about zirconium.")]
    procedure_page.save_revision()  # a draft of the live page, not published
    assert result_titles(search(client, "zirconium")) == []


def test_an_empty_query_asks_for_words(client, home):
    soup = search(client, "   ")
    assert "Type a word or two" in message(soup)
    assert result_titles(soup) == []


def test_no_results_says_so_and_offers_the_phone(client, contact, procedure_page):
    soup = search(client, "xylophone")
    assert message(soup).startswith("We found no pages about “xylophone”")
    assert soup.select_one("main .search-page__message a")["href"] == "tel:5550100"


def test_a_query_over_the_limit_is_refused_with_a_message(client, procedure_with_cement, settings):
    soup = search(client, "cement " * 20)
    assert f"{settings.SEARCH_QUERY_MAX_LENGTH} characters or fewer" in message(soup)
    assert result_titles(soup) == []
    field = soup.select_one("main .search-page__form input[name=q]")
    assert field["maxlength"] == str(settings.SEARCH_QUERY_MAX_LENGTH)


def test_results_come_in_pages(client, home, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 3
    for number in range(7):
        add_page(home, f"Walking page {number}", "Tips on walking after treatment.")
    pages = [search(client, "walking", page=number) for number in (1, 2, 3)]
    assert [len(result_titles(soup)) for soup in pages] == [3, 3, 1]
    titles = {title for soup in pages for title in result_titles(soup)}
    assert len(titles) == 7
    nav = pages[1].select_one("main nav.pagination")
    assert {a["rel"][0] for a in nav.find_all("a")} == {"prev", "next"}
    # A page number out of range or not a number still answers with results.
    assert len(result_titles(search(client, "walking", page=99))) == 1
    assert len(result_titles(search(client, "walking", page="x"))) == 3


def test_every_page_has_a_search_box_in_the_header(client, procedure_page):
    soup = parse(client.get(procedure_page.url))
    form = soup.select_one("header form[role=search]")
    assert form["action"] == reverse("search") and form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True)


@pytest.mark.parametrize(
    "query", ['"', '"cement', "\x00cement", "(", "*", "a OR b", "NOT", "'; DROP TABLE", "🙂"]
)
def test_search_syntax_and_odd_characters_never_cause_an_error(
    client, procedure_with_cement, query
):
    soup = search(client, query)
    assert soup.select_one("main .search-page__message")
    if "cement" in query:
        assert result_titles(soup) == [procedure_with_cement.title]


def test_a_query_of_only_symbols_asks_for_words(client, home):
    assert "Type a word or two" in message(search(client, '" "'))


def test_section_headings_are_searched_and_linked(client, procedure_page):
    # "Recovery" is only in the heading "Recovery and results", not in any section's text.
    soup = search(client, "recovery")
    assert result_titles(soup) == [procedure_page.title]
    link = soup.select_one("main .search-result__title a")
    assert link["href"] == f"{procedure_page.url}#recovery-and-results"
