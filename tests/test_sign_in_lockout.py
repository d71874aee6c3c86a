"""Login lockout (django-axes), through the admin's real login form: five failures for one
username or from one address lock sign-in, with a clear message, for LOGIN_LOCKOUT_MINUTES;
behind the proxy the address is the one the proxy saw; a site administrator unlocks it."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .test_sign_in_support import PASSWORD, make_staff, sign_in

pytestmark = pytest.mark.django_db
LOCKOUTS_URL = "/admin/sign-in/lockouts/"


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def fail(client, username, times, **headers):
    return [
        sign_in(client, username, "not-the-password", **headers).status_code for _ in range(times)
    ]


def is_refused(response):
    """Wagtail's answer to PermissionDenied in the admin: back to the dashboard, with a message."""
    return response.redirect_chain == [("/admin/", 302)] and "do not have permission" in (
        response.content.decode()
    )


def from_address(address):
    return {"REMOTE_ADDR": address}


@pytest.fixture
def alice(db):
    return make_staff("alice")


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(client, alice):
    assert fail(client, "alice", 5) == [200, 200, 200, 200, 429]
    response = sign_in(client, "alice")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Sign-in locked" in text
    assert "Too many failed sign-in attempts (5 in a row)" in text
    assert "locked for 15 minutes" in text
    assert "ask a site administrator to unlock it" in text
    assert not is_signed_in(client)


def test_four_wrong_passwords_do_not_lock(client, alice):
    fail(client, "alice", 4)
    assert sign_in(client, "alice").status_code == 302
    assert is_signed_in(client)


def test_a_username_is_locked_whichever_address_the_attempts_come_from(alice):
    for n in range(5):
        fail(Client(), "alice", 1, **from_address(f"192.0.2.{n + 1}"))
    assert sign_in(Client(), "alice", **from_address("192.0.2.99")).status_code == 429


def test_an_address_is_locked_whichever_usernames_it_tries(alice):
    make_staff("bob")
    for name in ["carol", "dave", "erin", "frank", "grace"]:
        fail(Client(), name, 1, **from_address("192.0.2.10"))
    assert sign_in(Client(), "bob", **from_address("192.0.2.10")).status_code == 429
    # Bob himself is not locked: from his own address he signs in.
    elsewhere = Client()
    assert sign_in(elsewhere, "bob", **from_address("192.0.2.20")).status_code == 302
    assert is_signed_in(elsewhere)


def test_the_lockout_time_is_configurable_and_then_sign_in_works_again(client, alice, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=2)
    fail(client, "alice", 5)
    response = sign_in(client, "alice")
    assert "locked for 2 minutes" in response.content.decode()
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=3))
    assert sign_in(client, "alice").status_code == 302
    assert is_signed_in(client)


def forwarded(chain):
    """A request through nginx: the socket is nginx's, X-Forwarded-For ends with the client."""
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": chain}


def test_behind_the_proxy_the_lockout_uses_the_address_the_proxy_saw(alice, settings):
    settings.BEHIND_PROXY = True
    make_staff("bob")
    # The client makes up the first entries; only the last one is nginx's own.
    for n, name in enumerate(["carol", "dave", "erin", "frank", "grace"]):
        fail(Client(), name, 1, **forwarded(f"10.9.9.{n}, 203.0.113.7"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    assert sign_in(Client(), "bob", **forwarded("10.9.9.1, 203.0.113.7")).status_code == 429
    # Another visitor behind the same proxy, sending the same made-up entries, is not locked.
    other = Client()
    assert sign_in(other, "bob", **forwarded("10.9.9.1, 203.0.113.8")).status_code == 302


def test_without_the_proxy_a_made_up_forwarded_for_changes_nothing(alice, settings):
    settings.BEHIND_PROXY = False
    for n in range(5):
        fail(Client(), "nobody", 1, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    other_name = Client()
    response = sign_in(
        other_name, "alice", REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="10.1.1.1"
    )
    assert response.status_code == 429


@pytest.fixture
def site_admin_client(db):
    client = Client()
    client.force_login(make_staff("siteadmin", group="Site administrators"))
    return client


def lock_alice_from_many_addresses():
    for n in range(5):
        fail(Client(), "alice", 1, **from_address(f"192.0.2.{n + 1}"))


def test_a_site_administrator_sees_the_lockout_and_unlocks_it(alice, site_admin_client):
    lock_alice_from_many_addresses()
    page = site_admin_client.get(LOCKOUTS_URL)
    assert page.status_code == 200
    assert "alice" in page.content.decode() and "Unlock alice" in page.content.decode()
    response = site_admin_client.post(LOCKOUTS_URL, {"kind": "username", "value": "alice"})
    assert response.status_code == 302
    assert "None locked." in site_admin_client.get(LOCKOUTS_URL).content.decode()
    assert sign_in(Client(), "alice", **from_address("192.0.2.1")).status_code == 302
    entry = ModelLogEntry.objects.get(action="sign_in.unlock")
    assert entry.user.username == "siteadmin" and entry.object_id == str(alice.pk)


def test_a_site_administrator_unlocks_an_address(alice, site_admin_client):
    for name in ["carol", "dave", "erin", "frank", "grace"]:
        fail(Client(), name, 1, **from_address("192.0.2.10"))
    assert "192.0.2.10" in site_admin_client.get(LOCKOUTS_URL).content.decode()
    site_admin_client.post(LOCKOUTS_URL, {"kind": "ip_address", "value": "192.0.2.10"})
    assert sign_in(Client(), "alice", **from_address("192.0.2.10")).status_code == 302


def test_the_lockouts_page_is_in_the_settings_menu_for_site_administrators_only(
    site_admin_client, editor_client
):
    assert LOCKOUTS_URL in site_admin_client.get("/admin/").content.decode()
    assert LOCKOUTS_URL not in editor_client.get("/admin/").content.decode()


def test_an_editor_can_neither_see_nor_unlock_lockouts(alice, editor_client):
    lock_alice_from_many_addresses()
    assert is_refused(editor_client.get(LOCKOUTS_URL, follow=True))
    assert is_refused(
        editor_client.post(LOCKOUTS_URL, {"kind": "username", "value": "alice"}, follow=True)
    )
    assert sign_in(Client(), "alice", **from_address("192.0.2.99")).status_code == 429


def test_unlocking_needs_a_post_with_the_csrf_token(alice, db):
    lock_alice_from_many_addresses()
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff("siteadmin", group="Site administrators"))
    response = client.post(LOCKOUTS_URL, {"kind": "username", "value": "alice"})
    assert response.status_code == 403
    assert sign_in(Client(), "alice", **from_address("192.0.2.99")).status_code == 429


# Password reset says the same whether or not the account exists.


def without_csrf_tokens(html):
    """The page without its CSRF token, which is masked afresh on every response."""
    return re.sub(r'("CSRF_TOKEN": "|name="csrfmiddlewaretoken" value=")[^"]+', r"\1", html)


def test_password_reset_does_not_reveal_which_accounts_exist(client, alice, mailoutbox):
    url = reverse("wagtailadmin_password_reset")
    known = client.post(url, {"email": "alice@example.org"})
    unknown = client.post(url, {"email": "nobody-here@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done_known = client.get(known["Location"]).content.decode()
    done_unknown = client.get(unknown["Location"]).content.decode()
    assert without_csrf_tokens(done_known) == without_csrf_tokens(done_unknown)
    assert [message.to for message in mailoutbox] == [["alice@example.org"]]


def test_password_reset_does_not_reveal_a_locked_or_inactive_account(client, mailoutbox):
    make_staff("gone", is_active=False)
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": "gone@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_password_reset_done")
    assert mailoutbox == []
    assert PASSWORD  # the support module's password is the one every account here uses
