"""Printing the procedure page gives a handout: checked in Chromium's print media."""

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from content.models import ProcedurePage

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def visible(page, selector):
    return page.locator(selector).first.is_visible()


def test_print_shows_answers_address_phone_and_qr_code_and_hides_navigation(live_server):
    call_command("load_content", verbosity=0)
    url = live_server.url + ProcedurePage.objects.get().url
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page()
            page.goto(url)
            # On screen: answers folded, no QR code.
            assert not visible(page, ".question__answer")
            assert not visible(page, ".print-handout svg.qr-code")
            assert visible(page, "header form[role=search]")

            page.emulate_media(media="print")
            answers = page.locator(".question__answer")
            assert answers.count() >= 5
            assert all(answers.nth(i).is_visible() for i in range(answers.count()))
            assert visible(page, ".print-handout svg.qr-code")
            assert "555-0100" in page.locator(".print-handout").inner_text()
            for hidden in ("nav.toc", "header form[role=search]", ".section-link"):
                assert not visible(page, hidden), hidden
            # Each link's address is printed after it.
            after = page.locator("main a.cta__link").first.evaluate(
                "link => getComputedStyle(link, '::after').content"
            )
            assert "/for-referring-physicians/" in after
        finally:
            browser.close()
