"""Small screens and large text: nothing scrolls sideways, nothing is cut off, and every
control is at least 24 by 24 CSS pixels (WCAG 1.4.4, 1.4.10 and 2.5.8)."""

import pytest

from .conftest import DESKTOP, PHONE

NARROWEST = {"width": 320, "height": 640}
LAYOUTS = {
    "320px wide": (NARROWEST, "100%"),
    "phone, 200% text": (PHONE, "200%"),
    "desktop, 200% text": (DESKTOP, "200%"),
}

# Elements that reach past the sides of the window, or clip text they cannot show.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const describe = el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
    + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.bottom < 0) continue;  // hidden skip link
    if (box.width <= 1 && box.height <= 1) continue;  // visually hidden: for screen readers
    if (box.left < -1 || box.right > width + 1) found.push('outside the window: ' + describe(el));
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX);
    if (clips && el.scrollWidth > el.clientWidth + 1) found.push('cut off: ' + describe(el));
  }
  return {pageWidth: document.documentElement.scrollWidth, width, found};
}"""

# Controls smaller than 24x24. Links inside a sentence are exempt (WCAG 2.5.8 "inline").
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary')]
  .filter(el => el.getClientRects().length && !el.classList.contains('skip-link'))
  .filter(el => getComputedStyle(el).display !== 'inline')
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.width < 24 || box.height < 24)
  .map(([el, box]) => `${el.tagName} "${el.textContent.trim().slice(0, 30)}" `
    + `${Math.round(box.width)}x${Math.round(box.height)}`)"""


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nothing_scrolls_sideways_or_is_cut_off(pages, open_page, layout):
    viewport, text_size = LAYOUTS[layout]
    for _title, path in pages:
        page, _ = open_page(path, viewport)
        page.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
        result = page.evaluate(OVERFLOWING)
        assert result["pageWidth"] <= result["width"], f"{path} scrolls sideways: {result}"
        assert result["found"] == [], path


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_touch_targets_are_at_least_24_by_24(pages, open_page, size):
    for _title, path in pages:
        page, _ = open_page(path, PHONE if size == "phone" else DESKTOP)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        assert page.evaluate(SMALL_TARGETS) == [], path
