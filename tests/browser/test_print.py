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
