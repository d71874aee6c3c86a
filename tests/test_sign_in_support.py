"""Shared by the tests/test_sign_in_*.py files (no tests of its own): staff accounts with
real passwords, signing in through the admin's real login form, and authenticator codes."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-test-password-9"
LOGIN_URL = "/admin/login/"


def make_staff(username, group="Editors", password=PASSWORD, **fields):
    fields = {"first_name": username.title(), "last_name": "Staff", **fields}
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=password, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def with_csrf_token(client, url, data):
    """The form's data with the CSRF token a browser would send, for a client that checks it."""
    if client.handler.enforce_csrf_checks:
        client.get(url)
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    return data


def sign_in(client, username, password=PASSWORD, next_url="/admin/", **headers):
    """POST the admin's login form, as a browser does."""
    data = {"username": username, "password": password, "next": next_url}
    return client.post(LOGIN_URL, with_csrf_token(client, LOGIN_URL, data), **headers)


def app_code(device, steps_ahead=0):
    """The code the user's authenticator app shows now (or that many 30-second steps on)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def give_app(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def verify(client, code, next_url="/admin/"):
    url = reverse("sign_in_verify")
    return client.post(url, with_csrf_token(client, url, {"code": code, "next": next_url}))


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def change_password(client, old, new):
    """Post the admin's Account form, as the browser sends it, with a new password."""
    from wagtail.test.utils.form_data import querydict_from_html

    url = reverse("wagtailadmin_account")
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    data["password-old_password"] = old
    data["password-new_password1"] = new
    data["password-new_password2"] = new
    return client.post(url, data)


def sign_in_with_app(client, user, steps_ahead=0):
    """Password, then the app's code, through the real forms. Returns the user's app."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or give_app(user)
    assert sign_in(client, user.username).status_code == 302
    response = verify(client, app_code(device, steps_ahead))
    assert response.status_code == 302, response.content.decode()
    return device


def production_env(**variables):
    """What `manage.py` needs to start with DJANGO_ENV=production (with a mail server and the
    admin's address too, in case production insists on them)."""
    from .test_production_settings import SECRET

    return {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "star.example.org",
        "EMAIL_HOST": "smtp.example.org",
        "WAGTAILADMIN_BASE_URL": "https://star.example.org",
        **variables,
    }
