"""The Spanish procedure page printed: as short as the English handout, with the phone
numbers and a QR code back to the Spanish page on the first sheet."""

import pytest

from content.pages.models import ProcedurePage

from .test_print import FIRST_PAGE, PAPER_SIZES, page_count, print_page


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_the_spanish_handout_prints_on_at_most_six_pages(site, open_page, paper):
    page, path = print_page(open_page, ProcedurePage, language="es")
    pages = page_count(page.pdf(format=paper, prefer_css_page_size=False))
    print(f"{path} on {paper}: {pages} pages")  # shown with -s
    assert 0 < pages <= 6, f"{path} prints on {pages} {paper} pages"


def test_the_spanish_handout_leads_back_to_the_spanish_page(site, open_page):
    page, path = print_page(open_page, ProcedurePage, viewport=FIRST_PAGE, language="es")
    assert path.startswith("/es/")
    handout = page.locator("main .print-handout")
    text = handout.inner_text()
    assert "555-0100" in text and "De noche y los fines de semana, llame al 555-0102." in text
    # The address printed is the page's canonical one (the Site's host name), in Spanish.
    printed = " ".join(text.split()).split("Lea esta página en internet: ", 1)[1].split()[0]
    assert printed.endswith(path)
    qr = handout.locator("svg.qr-code")
    assert (
        qr.is_visible() and qr.locator("title").text_content() == "Código QR que abre esta página"
    )
    bottom = handout.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")
    assert bottom <= FIRST_PAGE["height"], f"{path}: the handout ends {bottom:.0f}px down"
