"""Enquiry notifications hold no health information, and production cannot lose them.

The email to staff says that an enquiry came, with its number and a link to sign in: never
the visitor's name, phone, email, who they are or their message. Nothing written to a log
holds them either. Production refuses to start with a backend that delivers nothing (the
console's would print every password-reset link to the log) or without an https admin
address for the links.
"""

import logging
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission

from content.starter.loader import ensure_referral_coordinators
from content.starter.report import Report

from . import test_enquiry_form as enquiry
from .conftest import parse
from .test_enquiry_form import ANSWERS, form_data
from .test_production_settings import SECRET, manage

enquiry_page = enquiry.enquiry_page
no_minimum_time = enquiry.no_minimum_time  # autouse there, so used by name here

PERSONAL = [*ANSWERS.values(), "555-0123", "Ana", "father", "radiation"]


def holds_personal_data(text):
    return [value for value in PERSONAL if value.lower() in text.lower()]


@pytest.fixture
def production_admin_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://star.example.org"


def test_the_email_says_an_enquiry_came_and_nothing_it_says(
    client, enquiry_page, mailoutbox, production_admin_url
):
    response = client.post(enquiry_page.url, form_data(client, enquiry_page))
    assert parse(response).h1.get_text(strip=True) == "Thank you, we got your message"
    submission = FormSubmission.objects.get()
    (email,) = mailoutbox
    link = f"https://star.example.org/admin/forms/submissions/{enquiry_page.pk}/"
    assert email.subject == f"Website enquiry #{submission.pk}"
    assert email.body == (
        f"New enquiry #{submission.pk} from the website: sign in to read it: {link}\n"
    )
    assert email.to == ["referrals@example.org"]
    assert email.content_subtype == "plain" and not getattr(email, "alternatives", [])
    assert email.reply_to == []
    assert holds_personal_data(email.message().as_string()) == []


def test_the_link_leads_a_coordinator_to_the_enquiry(client, enquiry_page, mailoutbox):
    client.post(enquiry_page.url, form_data(client, enquiry_page))
    (email,) = mailoutbox
    path = urlsplit(email.body.split("sign in to read it: ")[1].strip()).path
    ensure_referral_coordinators(Report())
    coordinator = User.objects.create_user("coordinator", password="x")
    coordinator.groups.add(Group.objects.get(name="Referral coordinators"))
    staff = Client()
    staff.force_login(coordinator)
    response = staff.get(path)
    assert response.status_code == 200
    assert ANSWERS["your_message"] in parse(response).select_one("main").get_text()
    # Signed out, the link asks to sign in: the address alone shows nothing.
    signed_out = Client().get(path)
    assert signed_out.status_code == 302 and "/admin/login/" in signed_out["Location"]


def test_nothing_logged_while_sending_holds_what_the_visitor_wrote(
    client, enquiry_page, settings, caplog
):
    # A real SMTP connection to a port where nothing listens: the failure is logged.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with caplog.at_level(logging.DEBUG):
        response = client.post(enquiry_page.url, form_data(client, enquiry_page))
    assert parse(response).h1.get_text(strip=True) == "Thank you, we got your message"
    submission = FormSubmission.objects.get()
    logged = caplog.text  # every record, with any traceback
    assert f"Enquiry #{submission.pk} is stored, but the email to staff was not sent" in logged
    assert holds_personal_data(logged) == []


# Production refuses to start without a real email backend and an https admin address.

PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": SECRET,
    "DJANGO_ALLOWED_HOSTS": "star.example.org",
    "WAGTAILADMIN_BASE_URL": "https://star.example.org",
    "EMAIL_HOST": "smtp.example.org",
}
SHOW_BACKEND = "from django.conf import settings; print(settings.EMAIL_BACKEND)"


@pytest.mark.parametrize(
    "changes",
    [
        {"EMAIL_HOST": ""},
        {"EMAIL_HOST": "", "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
        {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"},
        {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    ],
    ids=["no EMAIL_HOST", "console named", "file", "memory"],
)
def test_production_refuses_to_start_with_an_email_backend_that_delivers_nothing(changes):
    result = manage("check", **{**PRODUCTION, **changes})
    assert result.returncode != 0
    assert "EMAIL_HOST (or EMAIL_BACKEND, naming a backend that delivers)" in result.stderr


@pytest.mark.parametrize(
    "changes, backend",
    [
        ({}, "django.core.mail.backends.smtp.EmailBackend"),
        (
            {"EMAIL_HOST": "", "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"},
            "django.core.mail.backends.smtp.EmailBackend",
        ),
    ],
    ids=["EMAIL_HOST", "a backend named"],
)
def test_production_starts_with_a_real_email_backend(changes, backend):
    result = manage("shell", "--no-imports", "-c", SHOW_BACKEND, **{**PRODUCTION, **changes})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == backend


@pytest.mark.parametrize(
    "changes",
    [
        {"WAGTAILADMIN_BASE_URL": ""},
        {"WAGTAILADMIN_BASE_URL": "http://star.example.org"},
        {"WAGTAILADMIN_BASE_URL": "star.example.org"},
        {"WAGTAILADMIN_BASE_URL": "https://"},
        # Plain http for a laptop's loopback address only, and only with DJANGO_ALLOW_HTTP.
        {"WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"},
        {"WAGTAILADMIN_BASE_URL": "http://star.example.org", "DJANGO_ALLOW_HTTP": "1"},
    ],
    ids=["missing", "http", "no scheme", "no host", "loopback", "http allowed, not loopback"],
)
def test_production_refuses_to_start_without_an_https_admin_address(changes):
    result = manage("check", **{**PRODUCTION, **changes})
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be an https:// address" in result.stderr


def test_make_serve_prod_may_use_its_loopback_address_over_http():
    changes = {"WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000", "DJANGO_ALLOW_HTTP": "1"}
    result = manage("check", **{**PRODUCTION, **changes})
    assert result.returncode == 0, result.stderr
