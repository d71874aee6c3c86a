"""The Content-Security-Policy, enforced, breaks nothing: Chromium reports no
`securitypolicyviolation` on any public page, in any state of its forms, or for an editor
who sees the Wagtail user bar, and it reads every JSON-LD block under the policy.

The pages come from the database, as in test_accessibility.py: a page added later (a
translation included, once the site has one) is checked as soon as it is live.
"""

import json

import pytest

from .conftest import DESKTOP, PHONE, already_sent

# Runs in every frame before any of the page's own code; Playwright's binding reports each
# event to the test, across navigations.
LISTEN = """
document.addEventListener('securitypolicyviolation', event => window.cspViolation({
  page: location.href,
  directive: event.effectiveDirective,
  blocked: event.blockedURI,
  disposition: event.disposition,
  sample: event.sample,
  source: `${event.sourceFile}:${event.lineNumber}`,
}));
"""
HOME_PATHS = {"", "es"}  # the English and the Spanish home pages
JSON_LD = """() => [...document.querySelectorAll('script[type="application/ld+json"]')]
  .map(script => JSON.parse(script.textContent))"""


def schema_types(value):
    """Every "@type" in JSON-LD, however deeply nested."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value["@type"]
        for item in value.values():
            yield from schema_types(item)
    elif isinstance(value, list):
        for item in value:
            yield from schema_types(item)


def listening_context(browser, viewport=PHONE, violations=None, **options):
    """A browser context that records every CSP violation in its `violations` list (or in
    the list given)."""
    context = browser.new_context(viewport=viewport, **options)
    context.violations = [] if violations is None else violations

    def record(violation):
        context.violations.append(violation)

    context.expose_function("cspViolation", record)
    context.add_init_script(LISTEN)
    return context


class ListeningBrowser:
    """The browser, but every context it opens records CSP violations in `violations`."""

    def __init__(self, browser):
        self.browser, self.violations = browser, []

    def new_context(self, viewport=PHONE, **options):
        return listening_context(self.browser, viewport, self.violations, **options)


def described(violations):
    return [
        f"{v['page']}: {v['disposition']} {v['directive']} blocked {v['blocked']!r} "
        f"({v['source']}) {v['sample']!r}"
        for v in violations
    ]


@pytest.fixture
def visitor(browser, site):
    context = listening_context(browser)
    page = context.new_page()

    def visit(path):
        response = page.goto(site + path)
        page.wait_for_load_state("load")
        return response

    visit.page, visit.context = page, context
    yield visit
    context.close()


def send_each_form(page, sent):
    """Send every form on the page as it is (a POST form empty, so its errors show); a GET
    form that leads to an address in `sent` (the search box on every page) only once."""
    start = page.url
    for index in range(page.locator("form").count()):
        if page.url != start:
            page.goto(start)
        form = page.locator("form").nth(index)
        if already_sent(form, sent):
            continue
        form.evaluate("form => { form.noValidate = true; }")
        with page.expect_navigation():
            form.locator("[type=submit], button:not([type])").first.click()
        page.wait_for_load_state("load")


def test_no_public_page_or_form_state_violates_the_policy(visitor, pages):
    headers, sent = {}, set()
    for _title, path in pages:
        response = visitor(path)
        assert response.status == 200, path
        headers[path] = response.headers.get("content-security-policy", "")
        send_each_form(visitor.page, sent)
    assert sent, "every page has a search box, so a search was sent"
    for path in ("/no-such-page/", "/search/?q=pain", "/search/?q=xylophone"):
        visitor(path)
    visitor.page.emulate_media(media="print")
    for _title, path in pages:
        visitor(path)
    assert described(visitor.context.violations) == []
    # The header was there, enforced, on every page: no violation is not no policy.
    assert all("default-src 'self'" in policy for policy in headers.values()), headers


def test_the_enquiry_forms_pages_do_not_violate_it(visitor, settings):
    settings.ENQUIRY_MIN_SECONDS = 0
    visitor("/ask-us/")
    page = visitor.page
    page.fill("#id_your_name", "Ana Example")
    page.check("#id_who_are_you_1")
    page.fill("#id_phone_number", "555-0123")
    page.fill("#id_your_message", "A question about the procedure.")
    with page.expect_navigation():
        page.click("form.enquiry-form button[type=submit]")
    assert "Thank you" in page.locator("h1").inner_text()
    settings.ENQUIRY_RATE_LIMIT = 0
    page.go_back()
    with page.expect_navigation():
        page.click("form.enquiry-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Please call us instead"
    assert described(visitor.context.violations) == []


def test_browsers_read_every_json_ld_block_under_the_policy(visitor, pages):
    found = {}
    for _title, path in pages:
        visitor(path)
        found[path] = visitor.page.evaluate(JSON_LD)
    assert described(visitor.context.violations) == []
    # Every page below a home page has its breadcrumbs as JSON-LD, and the browser read them.
    below_home = [path for path in found if path.strip("/") not in HOME_PATHS]
    assert below_home, found
    for path in below_home:
        types = set(schema_types(found[path]))
        assert "BreadcrumbList" in types, (path, json.dumps(found[path])[:500])


def test_the_user_bar_an_editor_sees_on_public_pages_does_not_violate_it(browser, site, pages):
    from django.contrib.auth import get_user_model

    password = "a-long-test-password-9"
    get_user_model().objects.create_superuser("csp-editor", password=password)
    context = listening_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("csp-editor")
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    for _title, path in pages:
        page.goto(site + path)
        page.locator("wagtail-userbar").wait_for(state="attached")
        page.locator("wagtail-userbar").evaluate("bar => bar.shadowRoot.querySelector('button')")
    context.close()
    assert described(context.violations) == []


def test_the_listener_hears_what_the_policy_blocks(visitor):
    """So that no violation above means none happened: an inline style, set on a public page,
    is blocked and heard."""
    visitor("/")
    visitor.page.evaluate("document.body.setAttribute('style', 'color: red')")
    visitor.page.wait_for_timeout(200)
    violations = visitor.context.violations
    assert [(v["directive"], v["disposition"]) for v in violations] == [
        ("style-src-attr", "enforce")
    ]
