"""axe-core (WCAG 2.2 A and AA rules) finds nothing on the pages this work added."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def violations(page):
    results = Axe().run(page, options={**WCAG_AA, "resultTypes": ["violations"]})
    return [
        (item["id"], [node["target"] for node in item["nodes"]])
        for item in results.response["violations"]
    ]


def test_referrer_search_and_enquiry_pages_pass_axe(live_server, settings):
    settings.ENQUIRY_MIN_SECONDS = 0
    call_command("load_content", verbosity=0)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page()
            found = {}
            for path in (
                "/for-referring-physicians/",
                "/search/?q=cement",
                "/search/?q=xylophone",
                "/ask-us/",
            ):
                page.goto(live_server.url + path)
                found[path] = violations(page)

            # The form with errors shown, then the thank-you page.
            page.goto(live_server.url + "/ask-us/")
            page.click("form.enquiry-form button[type=submit]")
            page.wait_for_selector(".form-errors")
            found["form with errors"] = violations(page)
            page.fill("#id_your_name", "Ana Example")
            page.check("#id_who_are_you_1")
            page.fill("#id_phone_number", "555-0123")
            page.fill("#id_your_message", "A question.")
            page.click("form.enquiry-form button[type=submit]")
            page.wait_for_selector("h1:has-text('Thank you')")
            found["thank-you page"] = violations(page)
        finally:
            browser.close()
    assert found == {name: [] for name in found}
