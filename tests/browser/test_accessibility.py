"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA problem on any page, on a phone or a desktop.

The pages come from the database, so a page type added later is checked as soon as the
starter content has one. Forms found on those pages are also checked after sending them:
a GET form (search) with a query, a POST form empty, so its error messages are on screen.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import VIEWPORTS, already_sent, screenshot, slug_for

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SEARCH_TERM = "pain"

axe = Axe()


def violations(page):
    """axe's violations, one readable line per failing element."""
    results = axe.run(page, options=AXE_OPTIONS).response
    return [
        f"{page.url} {rule['id']} ({rule['impact']}): {node['target']} {node['failureSummary']}"
        for rule in results["violations"]
        for node in rule["nodes"]
    ]


def send_forms(page, sent):
    """Yield the page after sending each of its forms: GET forms with a term, POST forms empty.

    The browser's own checks are switched off, so the server's error messages show. A GET
    form that leads to an address in `sent` (the search box on every page) is sent once.
    """
    start = page.url
    count = page.locator("form").count()
    for index in range(count):
        if page.url != start:
            page.goto(start)
        form = page.locator("form").nth(index)
        if form.locator("[type=submit], button:not([type])").count() == 0:
            continue
        method = (form.get_attribute("method") or "get").lower()
        if method == "get":
            for field in form.locator("input[type=search], input[type=text]").all():
                field.fill(SEARCH_TERM)
        if already_sent(form, sent):
            continue
        form.evaluate("form => { form.noValidate = true; }")
        with page.expect_navigation():
            form.locator("[type=submit], button:not([type])").first.click()
        yield f"{method} form {index}"


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_page_and_form_state_has_no_axe_violations(pages, open_page, size):
    found, sent = [], set()
    for _title, path in pages:
        page, response = open_page(path, VIEWPORTS[size])
        assert response.status == 200, path
        screenshot(page, f"{slug_for(path)}-{size}")
        found += violations(page)
        for state in send_forms(page, sent):
            found += [f"{state}: {line}" for line in violations(page)]
    assert sent, "every page has a search box, so a search was sent and checked"
    assert found == []


@pytest.mark.parametrize("size", VIEWPORTS)
def test_not_found_page_has_no_axe_violations(site, open_page, size):
    page, response = open_page("/no-such-page/", VIEWPORTS[size])
    assert response.status == 404
    assert page.locator("h1").inner_text() == "We cannot find that page"
    screenshot(page, f"404-{size}")
    assert violations(page) == []


def test_no_search_results_and_the_thank_you_page_have_no_axe_violations(open_page, settings):
    settings.ENQUIRY_MIN_SECONDS = 0  # a test fills the form faster than a person
    page, _ = open_page("/search/?q=xylophone")
    found = violations(page)

    page, _ = open_page("/ask-us/")
    page.fill("#id_your_name", "Ana Example")
    page.check("#id_who_are_you_1")
    page.fill("#id_phone_number", "555-0123")
    page.fill("#id_your_message", "A question about the procedure.")
    with page.expect_navigation():
        page.click("form.enquiry-form button[type=submit]")
    assert "Thank you" in page.locator("h1").inner_text()
    found += violations(page)
    assert found == []
