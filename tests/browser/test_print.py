"""Printed pages: a short handout with no navigation, every answer, and the way back online."""

import re
from urllib.parse import urlsplit

import pytest

from content.pages.models import ProcedurePage, ReferrerPage

# The most sheets each handout may take, on US Letter and on A4 (the limits).
MOST_PAGES = [(ProcedurePage, 6), (ReferrerPage, 3)]
PAPER_SIZES = ["Letter", "A4"]
SMALLEST_TEXT_PX = 11 * 96 / 72  # 11 pt
# The narrowest and shortest printable area the handout can get: A4's width, Letter's
# height, less margins of 20 mm (the print rules set less). Laid out that narrow, whatever
# ends above this height is on the first sheet.
MM = 96 / 25.4
FIRST_PAGE = {"width": round((210 - 2 * 20) * MM), "height": round((279.4 - 2 * 20) * MM)}


def print_page(open_page, model, viewport=None, language="en"):
    """The model's live page in the language (the Spanish handouts: test_spanish_handout.py)."""
    path = model.objects.live().get(locale__language_code=language).url
    page, _ = open_page(path, **({"viewport": viewport} if viewport else {}))
    page.emulate_media(media="print")
    return page, path


def page_count(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


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


@pytest.mark.parametrize("paper", PAPER_SIZES)
@pytest.mark.parametrize(("model", "most"), MOST_PAGES, ids=["procedure", "referrer"])
def test_a_handout_prints_on_few_pages(site, open_page, model, most, paper):
    page, path = print_page(open_page, model)
    pages = page_count(page.pdf(format=paper, prefer_css_page_size=False))
    print(f"{path} on {paper}: {pages} pages")  # shown with -s: bench/RESULTS.md records them
    assert 0 < pages <= most, f"{path} prints on {pages} {paper} pages"


@pytest.mark.parametrize("paper", PAPER_SIZES)
@pytest.mark.parametrize("model", [ProcedurePage, ReferrerPage])
def test_the_footer_never_fills_a_sheet_alone(site, open_page, model, paper):
    page, path = print_page(open_page, model)
    with_footer = page_count(page.pdf(format=paper, prefer_css_page_size=False))
    # Removed by script, not by an injected style: the Content-Security-Policy blocks those.
    page.evaluate("document.querySelector('.site-footer').remove()")
    without_footer = page_count(page.pdf(format=paper, prefer_css_page_size=False))
    assert with_footer == without_footer, f"{path}: the footer takes a {paper} sheet of its own"


@pytest.mark.parametrize("model", [ProcedurePage, ReferrerPage])
def test_the_phone_numbers_and_qr_code_print_on_the_first_page(site, open_page, model):
    page, path = print_page(open_page, model, viewport=FIRST_PAGE)
    handout = page.locator("main .print-handout")
    assert "555-0100" in handout.inner_text()
    assert "At night and at weekends, call 555-0102." in handout.inner_text()
    assert handout.locator("svg.qr-code").is_visible()
    bottom = handout.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")
    assert bottom <= FIRST_PAGE["height"], f"{path}: the handout ends {bottom:.0f}px down"


@pytest.mark.parametrize("model", [ProcedurePage, ReferrerPage])
def test_printed_text_is_at_least_11pt(site, open_page, model):
    page, path = print_page(open_page, model)
    too_small = page.evaluate(
        """smallest => {
          const found = [];
          const size = (el, pseudo) => parseFloat(getComputedStyle(el, pseudo).fontSize);
          for (const el of document.querySelectorAll(
              'main p, main li, main dd, main dt, main figcaption, main summary, main a')) {
            if (!el.getClientRects().length) continue;  // not printed
            if (size(el) < smallest) found.push(`${el.tagName}: ${size(el)}px`);
            const after = getComputedStyle(el, '::after').content;
            if (after !== 'none' && after !== 'normal' && size(el, '::after') < smallest)
              found.push(`${el.tagName}::after ${after}: ${size(el, '::after')}px`);
          }
          return found;
        }""",
        SMALLEST_TEXT_PX - 0.01,
    )
    assert too_small == [], f"{path}: text under 11pt on paper"
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= (
        SMALLEST_TEXT_PX - 0.01
    )


def printed_addresses(page):
    """Each link in the main content, with its text and the address printed after it."""
    return page.locator("main a").evaluate_all(
        """links => links.filter(link => link.getClientRects().length).map(link => ({
          href: link.getAttribute('href'),
          text: link.innerText.trim(),
          glossary: link.classList.contains('glossary-term'),
          after: getComputedStyle(link, '::after').content,
        }))"""
    )


@pytest.mark.parametrize("model", [ProcedurePage, ReferrerPage])
def test_printed_links_show_their_full_address_once(site, open_page, model):
    page, path = print_page(open_page, model)
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    root = "{0.scheme}://{0.netloc}".format(urlsplit(canonical))
    links = printed_addresses(page)

    internal = [link for link in links if link["href"].startswith("/")]
    assert internal, f"{path} links to other pages of the site"
    for link in internal:
        if link["glossary"]:
            continue  # a word in the glossary: its address would only clutter the text
        assert f"({root}{link['href']})" in link["after"], link
        assert "this site" not in link["after"], link
    # A link that shows its own address (a reference's web address, an email address) does
    # not print it a second time.
    shows_own_address = [
        link
        for link in links
        if link["text"] in (link["href"], link["href"].removeprefix("mailto:"))
    ]
    assert shows_own_address, f"{path} has references or an email address"
    for link in shows_own_address:
        assert link["after"] in ("none", "normal"), link
    # Nor does a second link to the same place.
    printed = [link["after"] for link in links if link["after"] not in ("none", "normal")]
    assert len(printed) == len(set(printed)), f"{path} prints an address twice: {printed}"


@pytest.mark.parametrize("model", [ProcedurePage, ReferrerPage])
def test_what_is_useless_on_paper_is_left_out(site, open_page, model):
    page, path = print_page(open_page, model)
    for selector in (
        ".breadcrumbs",
        ".site-footer__links",
        "header form[role=search]",
        ".section-link",
        ".illustration__description > summary",
    ):
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{path}: {selector} is printed"
    for link in page.locator("main a.cta__link").all():
        style = link.evaluate(
            "l => { const s = getComputedStyle(l); return [s.backgroundColor, s.paddingLeft]; }"
        )
        assert style == ["rgba(0, 0, 0, 0)", "0px"], f"{path}: a button is printed as a button"
