"""A site administrator resets a colleague's lost second factor; the audit log records it.
Enforced mode (TWO_FACTOR_REQUIRED): everyone here signs in with password and app."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from content.sign_in import two_factor

from .test_production_settings import manage
from .test_sign_in_support import make_staff, production_env, sign_in, sign_in_with_app

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def alice(db):
    user = make_staff("alice")
    two_factor.make_recovery_codes(user)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def signed_in(username, group, **fields):
    client = Client()
    sign_in_with_app(client, make_staff(username, group=group, **fields))
    return client


@pytest.fixture
def site_admin_client(db):
    return signed_in("siteadmin", "Site administrators")


def reset_url(user):
    return f"/admin/two-factor/reset/{user.pk}/"


def has_factor(user):
    return (
        TOTPDevice.objects.filter(user=user).exists()
        or StaticDevice.objects.filter(user=user).exists()
    )


def test_the_users_list_offers_the_reset_to_a_site_administrator(site_admin_client, alice):
    listing = site_admin_client.get("/admin/users/").content.decode()
    assert reset_url(alice) in listing
    assert "Reset two-factor authentication" in listing


def test_a_site_administrator_resets_a_colleagues_second_factor(site_admin_client, alice):
    page = site_admin_client.get(reset_url(alice))
    assert page.status_code == 200
    assert "removes alice's authenticator app and recovery codes" in page.content.decode()
    assert has_factor(alice)  # looking changes nothing

    response = site_admin_client.post(reset_url(alice), follow=True)
    assert response.redirect_chain[-1][0] == "/admin/users/"
    assert "Two-factor authentication reset for alice" in response.content.decode()
    assert not has_factor(alice)

    entry = ModelLogEntry.objects.get(action="sign_in.reset_two_factor")
    assert entry.object_id == str(alice.pk) and entry.user.username == "siteadmin"
    assert entry.data == {"devices_removed": 2}
    history = site_admin_client.get("/admin/reports/site-history/").content.decode()
    assert "Reset the two-factor authentication of alice" in history

    # Alice's next sign-in asks her to set up a new app.
    client = Client()
    sign_in(client, "alice")
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/set-up/")


def test_a_reset_needs_a_post_with_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    sign_in_with_app(client, make_staff("siteadmin", group="Site administrators"))
    assert client.post(reset_url(alice)).status_code == 403
    assert has_factor(alice)


def is_refused(response):
    return response.redirect_chain == [("/admin/", 302)] and "do not have permission" in (
        response.content.decode()
    )


def test_an_editor_cannot_reset_anyone(alice):
    editor = signed_in("editor", "Editors")
    assert is_refused(editor.get(reset_url(alice), follow=True))
    assert is_refused(editor.post(reset_url(alice), follow=True))
    assert has_factor(alice)
    assert not ModelLogEntry.objects.filter(action="sign_in.reset_two_factor").exists()


def test_only_a_superuser_resets_a_superusers_second_factor(site_admin_client):
    chief = make_staff("chief", group=None, is_superuser=True)
    TOTPDevice.objects.create(user=chief, confirmed=True)
    assert is_refused(site_admin_client.post(reset_url(chief), follow=True))
    assert has_factor(chief)
    other_superuser = signed_in("deputy", None, is_superuser=True)
    assert other_superuser.post(reset_url(chief)).status_code == 302
    assert not has_factor(chief)


def test_nobody_resets_their_own_second_factor_here(site_admin_client):
    me = make_staff("siteadmin2", group="Site administrators")
    client = Client()
    sign_in_with_app(client, me)
    assert is_refused(client.post(reset_url(me), follow=True))
    assert has_factor(me)


# Production turns it on, and it cannot be turned off there.


def test_production_requires_a_second_factor():
    code = "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    result = manage("shell", "--no-imports", "-c", code, **production_env())
    assert result.stdout.strip() == "True", result.stderr


def test_production_refuses_to_start_with_the_second_factor_turned_off():
    result = manage("check", **production_env(DJANGO_TWO_FACTOR="0"))
    assert result.returncode != 0
    assert "DJANGO_TWO_FACTOR cannot be turned off when DJANGO_ENV=production" in result.stderr


def test_development_leaves_it_off_unless_asked():
    code = "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED)"
    assert manage("shell", "--no-imports", "-c", code).stdout.strip() == "False"
    assert (
        manage("shell", "--no-imports", "-c", code, DJANGO_TWO_FACTOR="1").stdout.strip() == "True"
    )
