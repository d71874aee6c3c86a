"""Signing in to the admin with a second factor, in Chromium, as staff do in production
(TWO_FACTOR_REQUIRED): the password, then a code from the authenticator app; and a first
sign-in that sets the app up, shows the recovery codes and then opens the admin."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from ..test_sign_in_support import PASSWORD, app_code, give_app, make_staff
from .conftest import DESKTOP, PHONE, screenshot
from .test_accessibility import violations


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def new_page(browser):
    contexts = []

    def open_(viewport=DESKTOP):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def enter_password(page, site, username):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_signing_in_with_the_password_then_the_apps_code(site, new_page):
    device = give_app(make_staff("alice"))
    page = new_page()
    enter_password(page, site, "alice")
    page.wait_for_url(f"{site}/admin/two-factor/verify/**")
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    screenshot(page, "admin-two-factor-code")

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("That code is not right")).to_be_visible()
    assert page.url.startswith(f"{site}/admin/two-factor/verify/")

    page.wait_for_timeout(1100)  # django-otp's pause after a wrong code
    page.get_by_label("Code").fill(app_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{site}/admin/")
    assert "Dashboard" in page.title()


def test_a_first_sign_in_sets_up_the_app_and_shows_the_recovery_codes(site, new_page):
    make_staff("bob")
    page = new_page(PHONE)
    enter_password(page, site, "bob")
    page.wait_for_url(f"{site}/admin/two-factor/set-up/**")
    expect(page.locator(".sign-in-qr-code svg")).to_be_visible()
    assert violations(page) == []
    screenshot(page, "admin-two-factor-set-up-phone")

    # Typing the key shown into an app, which then shows a code.
    key = page.locator("[data-secret-key]").inner_text()
    code = f"{TOTP(b32decode(key.replace(' ', ''))).token():06d}"
    page.get_by_label("Code from your app").fill(code)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    assert violations(page) == []

    page.get_by_role("link", name="I have saved my codes: continue").click()
    page.wait_for_url(f"{site}/admin/")
    assert "Dashboard" in page.title()


def test_the_code_page_has_no_axe_violations(site, new_page):
    give_app(make_staff("carol"))
    page = new_page(PHONE)
    enter_password(page, site, "carol")
    page.wait_for_url(f"{site}/admin/two-factor/verify/**")
    assert violations(page) == []
