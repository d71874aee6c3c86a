"""Printed pages: no navigation, and every answer in the questions section shows."""


def test_print_hides_navigation_and_shows_every_answer(pages, open_page):
    answers_seen = 0
    for _title, path in pages:
        page, _ = open_page(path)
        assert page.locator(".site-nav").is_visible(), f"{path}: the menu shows on screen"
        page.emulate_media(media="print")
        for selector in (".site-nav", ".skip-link", ".toc"):
            for element in page.locator(selector).all():
                assert not element.is_visible(), f"{path}: {selector} is printed"
        for answer in page.locator("details .question__answer").all():
            assert answer.is_visible(), f"{path}: an answer is left out of the printout"
            answers_seen += 1
    assert answers_seen > 0, "the starter procedure page has questions to print"


def test_printed_handout_has_the_qr_code_phone_and_link_addresses(pages, open_page):
    path = dict(pages)["Spinal tumor radiofrequency ablation (the STAR procedure)"]
    page, _ = open_page(path)
    handout = page.locator(".print-handout")
    assert not handout.locator("svg.qr-code").is_visible(), "the QR code is for paper only"

    page.emulate_media(media="print")
    assert handout.locator("svg.qr-code").is_visible()
    assert "555-0100" in handout.inner_text()
    for hidden in ("header form[role=search]", ".section-link"):
        assert not page.locator(hidden).first.is_visible(), hidden
    # The first call to action is the next step after "Before the procedure": the form.
    printed_address = page.locator("main a.cta__link").first.evaluate(
        "link => getComputedStyle(link, '::after').content"
    )
    assert "/ask-us/" in printed_address
