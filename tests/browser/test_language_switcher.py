"""The language switcher on a phone, with JavaScript off: it is on screen, big enough to tap,
and leads to the same page in the other language and back."""

from urllib.parse import urlsplit

from wagtail.models import Locale

from content.pages.models import ProcedurePage

from .conftest import PHONE, screenshot


def test_the_switcher_takes_a_phone_to_the_spanish_page_and_back(site, open_page):
    english = ProcedurePage.objects.live().get(locale__language_code="en")
    spanish = english.get_translation(Locale.objects.get(language_code="es"))
    page, _ = open_page(english.url, PHONE, java_script_enabled=False)
    link = page.get_by_role("link", name="Español")
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert link.get_attribute("lang") == "es" and link.get_attribute("hreflang") == "es"
    link.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == spanish.url
    assert page.locator("html").get_attribute("lang") == "es"
    screenshot(page, "language-switcher--phone--es")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == english.url
    assert page.locator("html").get_attribute("lang") == "en"
