"""Keyboard only: the skip link comes first and works, every control is reached in page order,
and the element with focus always shows it."""

FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), "
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)

# Describes the focused element: where it sits in the page, and whether its focus shows.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const all = [...document.querySelectorAll('*')];
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== 'none';
  return {
    index: all.indexOf(el),
    label: el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 40),
    shows_focus: outline || shadow,
    is_skip_link: el.classList.contains('skip-link'),
    id: el.id,
  };
}"""

REACHABLE = f"""() => [...document.querySelectorAll("{FOCUSABLE}")]
  .filter(el => el.getClientRects().length > 0 || el.classList.contains('skip-link'))
  .filter(el => !el.closest('[hidden], [inert]'))
  .filter(el => el.closest('details:not([open])') === null || el.tagName === 'SUMMARY')
  // A group of radio buttons is one tab stop; the arrow keys move within it.
  .filter((el, i, all) => el.type !== 'radio' ||
    all.findIndex(other => other.type === 'radio' && other.name === el.name) === i)
  .length"""


def tab_through(page, limit=200):
    """Press Tab until focus leaves the page; return what had focus, in order."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused["index"] == stops[0]["index"]):
            break
        stops.append(focused)
    return stops


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(pages, open_page):
    for _title, path in pages:
        page, _ = open_page(path)
        page.keyboard.press("Tab")
        first = page.evaluate(FOCUSED)
        assert first["is_skip_link"], path
        assert first["shows_focus"], path
        assert page.locator(".skip-link").is_visible()
        assert page.locator(".skip-link").bounding_box()["y"] >= 0, "shown on screen when focused"
        page.keyboard.press("Enter")
        assert page.evaluate(FOCUSED)["id"] == "main", path
        page.keyboard.press("Tab")
        after_skip = page.evaluate(
            """() => {
              const main = document.querySelector('main'), el = document.activeElement;
              return main.contains(el) ||
                Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
            }"""
        )
        assert after_skip, f"{path}: the next Tab goes on from the main content, not the header"


def test_every_control_is_reached_in_page_order_with_visible_focus(pages, open_page):
    for _title, path in pages:
        page, _ = open_page(path)
        stops = tab_through(page)
        positions = [stop["index"] for stop in stops]
        assert positions == sorted(positions), f"{path}: tab order differs from reading order"
        assert len(stops) == page.evaluate(REACHABLE), f"{path}: a control is skipped"
        hidden_focus = [stop["label"] for stop in stops if not stop["shows_focus"]]
        assert hidden_focus == [], path


def tab_to(page, selector, limit=200):
    """Press Tab until the element matching selector has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_enquiry_form_is_filled_in_and_sent_with_the_keyboard_alone(open_page, settings):
    settings.ENQUIRY_MIN_SECONDS = 0  # a test types faster than a person
    page, _ = open_page("/ask-us/")
    tab_to(page, "#id_your_name")
    page.keyboard.type("Ana Example")
    page.keyboard.press("Tab")  # the "who are you" radio group: one stop, arrows choose
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=who_are_you]:checked").count() == 1
    tab_to(page, "#id_phone_number")
    page.keyboard.type("555-0123")
    tab_to(page, "#id_your_message")
    page.keyboard.type("Can the procedure help my father?")
    tab_to(page, "form.enquiry-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Thank you" in page.locator("h1").inner_text()
