"""Staff sessions: signed out after SESSION_IDLE_MINUTES without a request and
SESSION_MAX_HOURS after signing in; cookies Secure, HttpOnly and SameSite in production; a
password change signs the user out of every other session."""

import time

import pytest
from django.test import Client

from content.sign_in.middleware import LAST_SEEN_AT, SIGNED_IN_AT

from .test_production_settings import manage
from .test_sign_in_support import (
    change_password,
    make_staff,
    production_env,
    sign_in,
    sign_in_with_app,
)

pytestmark = pytest.mark.django_db
MINUTE = 60
HOUR = 60 * MINUTE


@pytest.fixture
def alice(db):
    return make_staff("alice")


@pytest.fixture
def alice_client(client, alice):
    assert sign_in(client, "alice").status_code == 302
    assert client.get("/admin/").status_code == 200
    return client


def age_session(client, **seconds_ago):
    """Move the session's clocks back, as if that much time had passed."""
    session = client.session
    now = int(time.time())
    for key, name in [(SIGNED_IN_AT, "signed_in"), (LAST_SEEN_AT, "last_seen")]:
        if name in seconds_ago:
            session[key] = now - seconds_ago[name]
    session.save()


def signed_out_with(client, message):
    response = client.get("/admin/pages/", follow=True)
    assert response.redirect_chain[0] == ("/admin/login/?next=%2Fadmin%2Fpages%2F", 302)
    assert message in " ".join(response.content.decode().split())
    # And the session is gone: the next request is a visitor's.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    return True


def test_thirty_minutes_without_a_request_signs_you_out(alice_client):
    age_session(alice_client, last_seen=30 * MINUTE + 5)
    assert signed_out_with(alice_client, "signed out after 30 minutes without activity")


def test_a_request_within_thirty_minutes_keeps_the_session(alice_client):
    age_session(alice_client, last_seen=29 * MINUTE)
    assert alice_client.get("/admin/").status_code == 200
    assert int(time.time()) - alice_client.session[LAST_SEEN_AT] < 5
    age_session(alice_client, last_seen=29 * MINUTE)
    assert alice_client.get("/admin/").status_code == 200


def test_ten_hours_after_signing_in_you_are_signed_out_however_busy(alice_client):
    age_session(alice_client, signed_in=10 * HOUR + 5, last_seen=10)
    assert signed_out_with(alice_client, "signed out 10 hours after signing in")


def test_both_limits_are_configurable(alice_client, settings):
    settings.SESSION_IDLE_SECONDS = 5 * MINUTE
    settings.SESSION_MAX_SECONDS = 2 * HOUR
    age_session(alice_client, last_seen=6 * MINUTE)
    assert signed_out_with(alice_client, "signed out after 5 minutes without activity")
    sign_in(alice_client, "alice")
    age_session(alice_client, signed_in=2 * HOUR + 5, last_seen=10)
    assert signed_out_with(alice_client, "signed out 2 hours after signing in")


def test_an_open_editor_pinging_in_the_background_is_not_activity(alice_client, home):
    age_session(alice_client, last_seen=10 * MINUTE)
    seen = alice_client.session[LAST_SEEN_AT]
    ping = f"/admin/editing-sessions/ping/wagtailcore/page/{home.pk}/0/"
    alice_client.post(ping)
    assert alice_client.session[LAST_SEEN_AT] == seen
    alice_client.get("/admin/")
    assert alice_client.session[LAST_SEEN_AT] > seen


def test_a_public_page_after_the_limit_is_served_to_a_visitor(contact, standard_page, alice_client):
    age_session(alice_client, last_seen=31 * MINUTE)
    response = alice_client.get(standard_page.url)
    assert response.status_code == 200
    assert "<wagtail-userbar" not in response.content.decode()
    assert alice_client.get("/admin/")["Location"].startswith("/admin/login/")


# Cookies


COOKIE_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
]


def production_settings():
    code = (
        f"from django.conf import settings as s; print([getattr(s, n) for n in {COOKIE_SETTINGS}])"
    )
    result = manage("shell", "--no-imports", "-c", code, **production_env())
    assert result.returncode == 0, result.stderr
    return dict(zip(COOKIE_SETTINGS, eval(result.stdout), strict=True))  # noqa: S307 (our own output)


def test_production_cookies_are_secure_http_only_and_same_site(alice, settings):
    production = production_settings()
    assert production == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 10 * HOUR,
    }
    # With those settings, the cookies a real sign-in sets carry every flag.
    for name, value in production.items():
        setattr(settings, name, value)
    client = Client()
    client.get("/admin/login/", secure=True)
    csrf = client.cookies["csrftoken"]
    response = client.post(
        "/admin/login/",
        {"username": "alice", "password": "a-long-test-password-9", "remember": "on"},
        secure=True,
    )
    assert response.status_code == 302
    for cookie in [csrf, response.cookies["sessionid"]]:
        assert cookie["secure"] is True and cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
    assert response.cookies["sessionid"]["max-age"] == 10 * HOUR


# A password change signs the user out everywhere else


def test_changing_the_password_signs_out_every_other_session(alice, settings):
    settings.TWO_FACTOR_REQUIRED = True
    desk, phone = Client(), Client()
    sign_in_with_app(desk, alice)
    sign_in_with_app(phone, alice, steps_ahead=1)
    assert phone.get("/admin/").status_code == 200

    response = change_password(desk, "a-long-test-password-9", "new-harbour-lights-27")
    assert response.status_code == 302
    assert desk.get("/admin/").status_code == 200  # this session stays, still verified
    assert phone.get("/admin/")["Location"].startswith("/admin/login/")
    assert sign_in(Client(), "alice", password="a-long-test-password-9").status_code == 200
