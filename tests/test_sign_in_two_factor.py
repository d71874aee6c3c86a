"""A second factor for every staff account, ENFORCED (TWO_FACTOR_REQUIRED, as in production):
through the real login form, the set-up and code pages, and the admin's own views."""

import logging
import time
from base64 import b32decode

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from content.sign_in import two_factor

from .test_sign_in_support import app_code, give_app, make_staff, sign_in, verify

pytestmark = pytest.mark.django_db
SET_UP_URL = "/admin/two-factor/set-up/"
VERIFY_URL = "/admin/two-factor/verify/"


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def alice(db):
    return make_staff("alice")


def is_in_admin(client):
    return client.get("/admin/").status_code == 200


def field_error(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.select_one("[data-field-errors]").get_text().split())


def test_without_a_second_factor_the_admin_sends_you_to_set_one_up(client, alice):
    assert sign_in(client, "alice").status_code == 302
    for path in ["/admin/", "/admin/pages/", "/admin/account/", "/admin/users/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(SET_UP_URL + "?next=")
    assert "Set up two-factor authentication" in client.get(SET_UP_URL).content.decode()
    # The icons those pages draw with are still served (not the set-up page in their place).
    assert client.get("/admin/sprite/")["Content-Type"].startswith("image/svg+xml")


def code_from_page(response):
    """What a person does: type the key shown on the page into an app, and read its code."""
    key = BeautifulSoup(response.content, "html.parser").select_one("[data-secret-key]").text
    totp = TOTP(b32decode(key.replace(" ", "")))
    return f"{totp.token():06d}"


def test_setting_up_an_app_shows_recovery_codes_then_opens_the_admin(client, alice):
    sign_in(client, "alice")
    page = client.get(SET_UP_URL + "?next=/admin/pages/")
    assert page.status_code == 200 and "<svg" in page.content.decode()  # the QR code
    response = client.post(SET_UP_URL, {"code": code_from_page(page), "next": "/admin/pages/"})
    assert response.status_code == 200
    codes = [
        li.text
        for li in BeautifulSoup(response.content, "html.parser").select("[data-recovery-codes] li")
    ]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=alice).values_list("token", flat=True)
    )
    assert 'href="/admin/pages/"' in response.content.decode()
    assert is_in_admin(client)
    assert ModelLogEntry.objects.filter(
        action="sign_in.two_factor_set_up", object_id=str(alice.pk)
    ).exists()


def test_a_wrong_code_at_set_up_is_refused(client, alice):
    sign_in(client, "alice")
    client.get(SET_UP_URL)
    response = client.post(SET_UP_URL, {"code": "000000"})
    assert response.status_code == 400
    assert "That code is not right" in field_error(response)
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    assert not is_in_admin(client)


def test_with_an_app_the_admin_asks_for_its_code_after_the_password(client, alice):
    device = give_app(alice)
    sign_in(client, "alice")
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY_URL)
    assert not is_in_admin(client)
    response = verify(client, app_code(device), next_url="/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert is_in_admin(client)


def test_the_code_page_never_sends_you_to_another_site(client, alice):
    device = give_app(alice)
    sign_in(client, "alice")
    response = verify(client, app_code(device), next_url="https://evil.example/")
    assert response["Location"] == "/admin/"


def test_a_password_alone_cannot_add_another_app(client, alice):
    give_app(alice)
    sign_in(client, "alice")
    response = client.get(SET_UP_URL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY_URL)
    thief_app = TOTPDevice(user=alice, confirmed=False)
    response = client.post(SET_UP_URL, {"code": app_code(thief_app)})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=alice).count() == 1
    assert not is_in_admin(client)


def test_a_wrong_code_is_refused_clearly(client, alice):
    give_app(alice)
    sign_in(client, "alice")
    response = verify(client, "123456")
    assert response.status_code == 400
    assert "That code is not right" in field_error(response)
    assert not is_in_admin(client)


def device_state(device):
    device.refresh_from_db()
    return (device.last_t, device.drift, device.throttling_failure_count, device.confirmed)


def test_a_replayed_code_is_refused_changes_nothing_and_is_logged(alice, caplog):
    device = give_app(alice)
    first, second = Client(), Client()
    code = app_code(device)
    sign_in(first, "alice")
    assert verify(first, code).status_code == 302
    before = device_state(device)

    sign_in(second, "alice")
    with caplog.at_level(logging.WARNING, logger="content.sign_in"):
        response = verify(second, code)
    assert response.status_code == 400
    assert "already been used" in field_error(response)
    assert "Wait for your app to show a new code" in field_error(response)
    assert device_state(device) == before
    assert not is_in_admin(second)
    assert "Refused a code from the app that was already used for alice" in caplog.text
    entry = ModelLogEntry.objects.get(action="sign_in.code_refused")
    assert entry.object_id == str(alice.pk) and entry.data == {"reason": "replayed"}
    # Nothing was counted against the device: the next code works at once.
    assert verify(second, app_code(device, steps_ahead=1)).status_code == 302
    assert is_in_admin(second)


def test_a_recovery_code_works_once_and_a_second_use_is_refused_and_logged(alice, caplog):
    give_app(alice)
    codes = two_factor.make_recovery_codes(alice)
    first, second = Client(), Client()
    sign_in(first, "alice")
    assert verify(first, codes[0].upper()).status_code == 302  # typed in capitals: fine
    assert is_in_admin(first)
    left = StaticToken.objects.filter(device__user=alice).count()
    assert left == 9

    sign_in(second, "alice")
    with caplog.at_level(logging.WARNING, logger="content.sign_in"):
        response = verify(second, codes[0])
    assert response.status_code == 400
    assert "That recovery code has already been used" in field_error(response)
    assert StaticToken.objects.filter(device__user=alice).count() == left
    assert StaticToken.objects.get(token=codes[1]).device.throttling_failure_count == 0
    assert not is_in_admin(second)
    assert "Refused a recovery code used before for alice" in caplog.text
    assert ModelLogEntry.objects.get(action="sign_in.code_refused").data == {
        "reason": "recovery code used twice"
    }
    assert verify(second, codes[1]).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, alice):
    device = give_app(alice)
    old = two_factor.make_recovery_codes(alice)
    sign_in(client, "alice")
    verify(client, app_code(device))
    page = client.get("/admin/two-factor/")
    assert "and 10 unused recovery codes" in " ".join(page.content.decode().split())
    response = client.post("/admin/two-factor/")
    new = [
        li.text
        for li in BeautifulSoup(response.content, "html.parser").select("[data-recovery-codes] li")
    ]
    assert len(new) == 10 and not set(new) & set(old)
    other = Client()
    sign_in(other, "alice")
    assert "That code is not right" in field_error(verify(other, old[0]))
    time.sleep(1.1)  # django-otp's wait after a wrong code: 1 second, then doubling
    assert verify(other, new[0]).status_code == 302


def test_the_account_page_links_to_two_factor(client, alice):
    device = give_app(alice)
    sign_in(client, "alice")
    verify(client, app_code(device))
    assert 'href="/admin/two-factor/"' in client.get("/admin/account/").content.decode()


def test_when_not_required_the_password_is_enough(client, alice, settings):
    settings.TWO_FACTOR_REQUIRED = False
    sign_in(client, "alice")
    assert is_in_admin(client)


def test_guessing_is_slowed_down(client, alice):
    give_app(alice)
    sign_in(client, "alice")
    verify(client, "123456")
    response = verify(client, "654321")
    assert response.status_code == 400
    assert "Too many wrong codes. Wait a few seconds" in field_error(response)
