"""The enquiry form: stored and emailed when valid, calm with spam, safe with bad input."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from content.enquiries.forms import (
    EXPIRED,
    HONEYPOT_FIELD,
    NO_WAY_TO_REPLY,
    STARTED_FIELD,
    TOO_FAST,
)
from content.enquiries.models import REFERRAL_COORDINATORS, EnquiryFormField, EnquiryFormPage
from content.starter.loader import ensure_referral_coordinators
from content.starter.report import Report

from .conftest import parse, publish

SCRIPT = '<script>alert("x")</script>'
FIELDS = [
    ("Your name", "name", True, ""),
    ("Who are you?", "radio", True, "A patient\nA carer or family member\nA doctor"),
    ("Phone number", "phone", False, ""),
    ("Email address", "email", False, ""),
    ("Best time to call", "singleline", False, ""),
    ("Your message", "multiline", True, ""),
]
ANSWERS = {
    "your_name": "Ana Example",
    "who_are_you": "A carer or family member",
    "phone_number": "555-0123",
    "email_address": "ana@example.org",
    "best_time_to_call": "Mornings",
    "your_message": "Can my father have this after radiation?",
}


@pytest.fixture(autouse=True)
def no_minimum_time(settings):
    """Tests post at once; the too-fast test sets its own minimum."""
    settings.ENQUIRY_MIN_SECONDS = 0


@pytest.fixture
def enquiry_page(home, contact):
    page = EnquiryFormPage(
        title="Ask about the procedure",
        slug="ask-us",
        intro="Send us a question.",
        thank_you_heading="Thank you, we got your message",
        thank_you_text="We aim to reply within 2 working days.",
        to_address="referrals@example.org",
        subject="Website enquiry",
    )
    page.form_fields = [
        EnquiryFormField(label=label, field_type=kind, required=required, choices=choices)
        for label, kind, required, choices in FIELDS
    ]
    home.add_child(instance=page)
    return publish(page)


def form_data(client, page, **changes):
    """What a visitor's browser posts: the hidden fields from the served form, the answers."""
    form = parse(client.get(page.url)).find("form", class_="enquiry-form")
    data = {
        field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")
    }
    data.pop("csrfmiddlewaretoken", None)
    return {**data, **ANSWERS, **changes}


def error_summary_links(response):
    summary = parse(response).find(class_="form-errors")
    return {a.get_text(" ", strip=True): a["href"] for a in summary.find_all("a")}


def field_errors(response):
    soup = parse(response)
    return {
        error.find_parent(class_="form-field").find(["label", "legend"]).get_text(" ", strip=True)
        for error in soup.select(".form-field__error")
    }


def test_the_form_warns_not_to_send_medical_records(client, enquiry_page):
    notice = parse(client.get(enquiry_page.url)).find(class_="callout")
    assert "do not send medical records" in notice.get_text(" ", strip=True).lower()


def test_a_valid_enquiry_is_stored_and_emailed(client, enquiry_page, mailoutbox):
    response = client.post(enquiry_page.url, form_data(client, enquiry_page))
    assert response.status_code == 200
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Thank you, we got your message"
    assert "2 working days" in soup.main.get_text()

    submission = FormSubmission.objects.get()
    assert submission.get_data()["your_message"] == ANSWERS["your_message"]
    assert HONEYPOT_FIELD not in submission.form_data
    assert STARTED_FIELD not in submission.form_data

    # The email says an enquiry came, never what it says (tests/test_notifications.py).
    (email,) = mailoutbox
    assert email.to == ["referrals@example.org"]
    assert f"New enquiry #{submission.pk}" in email.body
    assert "Can my father" not in email.body


def test_without_a_page_address_the_configured_address_gets_the_email(
    client, enquiry_page, mailoutbox, settings
):
    settings.ENQUIRY_EMAIL_TO = "coordinators@example.org"
    enquiry_page.to_address = ""
    publish(enquiry_page)
    client.post(enquiry_page.url, form_data(client, enquiry_page))
    assert [email.to for email in mailoutbox] == [["coordinators@example.org"]]


def test_when_the_mail_server_is_down_the_enquiry_is_kept_and_thanked(
    client, enquiry_page, settings
):
    # A real SMTP connection to a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = client.post(enquiry_page.url, form_data(client, enquiry_page))
    assert response.status_code == 200
    assert parse(response).h1.get_text(strip=True) == "Thank you, we got your message"
    assert FormSubmission.objects.count() == 1


def test_an_invalid_enquiry_shows_errors_and_stores_nothing(client, enquiry_page, mailoutbox):
    data = form_data(client, enquiry_page, your_name="", email_address="not-an-email")
    response = client.post(enquiry_page.url, data)
    assert response.status_code == 200
    assert field_errors(response) == {"Your name", "Email address (optional)"}
    summary = parse(response).find(class_="form-errors")
    assert summary["role"] == "alert"
    # The summary links to each field that needs changing.
    targets = {a["href"] for a in summary.find_all("a")}
    assert targets == {"#id_your_name", "#id_email_address"}
    assert all(parse(response).find(id=target[1:]) for target in targets)
    assert FormSubmission.objects.count() == 0
    assert mailoutbox == []


def test_each_error_is_tied_to_its_field_and_the_title_says_so(client, enquiry_page):
    enquiry_page.form_fields.filter(label="Phone number").update(help_text="For example: 555-0100.")
    assert not parse(client.get(enquiry_page.url)).title.get_text().startswith("Error")
    data = form_data(client, enquiry_page, your_name="", phone_number="x" * 201)
    del data["who_are_you"]
    response = client.post(enquiry_page.url, data)
    soup = parse(response)
    assert soup.title.get_text().startswith("Error: ")

    # A screen reader reads each field's hint and error with it (aria-describedby).
    described = {}
    for field in soup.select(".form-field--error"):
        error = field.select_one(".form-field__error")
        hint = field.select_one(".form-field__hint")
        control = field.find("fieldset") or field.find(["input", "textarea", "select"])
        ids = control["aria-describedby"].split()
        assert error["id"] in ids
        assert (hint["id"] in ids) if hint else len(ids) == 1
        described[control.get("id") or control.legend.get_text(strip=True)] = ids
    assert described == {
        "id_your_name": ["id_your_name_error"],
        "Who are you?": ["id_who_are_you_error"],
        "id_phone_number": ["id_phone_number_helptext", "id_phone_number_error"],
    }

    # The summary takes focus and links to each field, or a group's first choice.
    summary = soup.find(class_="form-errors")
    assert (summary["role"], summary["tabindex"], summary["id"]) == ("alert", "-1", "form-errors")
    targets = set(error_summary_links(response).values())
    assert targets == {"#id_your_name", "#id_who_are_you_0", "#id_phone_number"}
    assert all(soup.find(["input", "textarea", "select"], id=t[1:]) for t in targets)


def test_name_email_and_phone_can_be_filled_in_by_the_browser(client, enquiry_page):
    form = parse(client.get(enquiry_page.url)).find("form", class_="enquiry-form")
    fields = {field["name"]: field for field in form.find_all(["input", "textarea"])}
    assert fields["your_name"]["autocomplete"] == "name"
    assert (fields["email_address"]["type"], fields["email_address"]["autocomplete"]) == (
        "email",
        "email",
    )
    assert (fields["phone_number"]["type"], fields["phone_number"]["autocomplete"]) == (
        "tel",
        "tel",
    )
    # Other single-line answers are not the sender's own details.
    assert "autocomplete" not in fields["best_time_to_call"].attrs


@pytest.mark.parametrize(
    "changes",
    [{"email_address": ""}, {"phone_number": ""}],
    ids=["a phone number alone", "an email address alone"],
)
def test_a_phone_number_or_an_email_address_is_enough(client, enquiry_page, changes):
    response = client.post(enquiry_page.url, form_data(client, enquiry_page, **changes))
    assert parse(response).h1.get_text(strip=True) == "Thank you, we got your message"
    assert FormSubmission.objects.count() == 1


def test_without_a_phone_number_or_an_email_address_the_phone_field_says_so(client, enquiry_page):
    data = form_data(client, enquiry_page, phone_number="", email_address="")
    response = client.post(enquiry_page.url, data)
    assert field_errors(response) == {"Phone number (optional)"}
    assert error_summary_links(response) == {NO_WAY_TO_REPLY: "#id_phone_number"}
    assert FormSubmission.objects.count() == 0


def test_each_message_names_its_field_and_says_what_to_do(client, enquiry_page):
    data = form_data(client, enquiry_page, your_name="", your_message="")
    del data["who_are_you"]
    response = client.post(enquiry_page.url, data)
    # The summary's links are the messages themselves: no "Label: message".
    assert set(error_summary_links(response)) == {
        "Enter your name",
        'Choose your answer to "Who are you?"',
        "Enter your message",
    }
    text = parse(response).get_text(" ", strip=True)
    assert "This field is required" not in text
    assert "?:" not in text


def test_the_starter_form_asks_for_a_phone_number_or_an_email_address(client, db):
    call_command("load_content", verbosity=0)
    page = EnquiryFormPage.objects.get(slug="ask-us")
    form = parse(client.get(page.url)).find("form", class_="enquiry-form")
    phone, email = form.find(id="id_phone_number"), form.find(id="id_email_address")
    assert (phone["type"], phone["autocomplete"], email["autocomplete"]) == ("tel", "tel", "email")
    assert "required" not in phone.attrs and "required" not in email.attrs
    assert form.find(id="id_your_name")["autocomplete"] == "name"

    data = {
        field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")
    }
    data.pop("csrfmiddlewaretoken")
    data.update(your_name="Ana", who_are_you="A patient", your_message="Can I have it?")
    response = client.post(page.url, data)
    assert error_summary_links(response) == {NO_WAY_TO_REPLY: "#id_phone_number"}
    response = client.post(page.url, {**data, "email_address": "ana@example.org"})
    assert parse(response).h1.get_text(strip=True) == "Thank you. We got your message."


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"your_message": "x" * (2 * 1024 * 1024)}, "Your message"),
        ({"your_name": "n" * 5000}, "Your name"),
        ({"email_address": "ana@@example"}, "Email address (optional)"),
        ({"who_are_you": "An attacker"}, "Who are you?"),
    ],
    ids=["2 MB message", "long name", "malformed email", "unknown choice"],
)
def test_oversized_or_malformed_input_is_refused_with_a_clear_error(
    client, enquiry_page, changes, field
):
    response = client.post(enquiry_page.url, form_data(client, enquiry_page, **changes))
    assert response.status_code == 200
    assert field_errors(response) == {field}
    assert FormSubmission.objects.count() == 0


def test_a_body_over_djangos_upload_limit_is_a_400_not_a_500(client, enquiry_page, settings):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(enquiry_page.url, form_data(client, enquiry_page, your_message=big))
    assert response.status_code == 400
    assert FormSubmission.objects.count() == 0


def test_bytes_that_are_not_utf8_are_refused_not_stored(client, enquiry_page):
    data = form_data(client, enquiry_page)
    body = "&".join(f"{key}={value}" for key, value in data.items() if key != "your_name")
    body = body.encode() + b"&your_name=Ana%FF%FE\xff"
    response = client.post(enquiry_page.url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert field_errors(response) == {"Your name"}
    assert "could not read" in parse(response).select_one(".form-field__error").get_text()
    assert FormSubmission.objects.count() == 0


def test_a_post_without_a_csrf_token_is_refused(enquiry_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(enquiry_page.url, form_data(client, enquiry_page))
    assert response.status_code == 403
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Please send the form again"
    assert soup.main.find("a", href="tel:5550100")
    assert FormSubmission.objects.count() == 0


def test_a_filled_honeypot_stores_nothing_and_answers_calmly(client, enquiry_page, mailoutbox):
    data = form_data(client, enquiry_page, **{HONEYPOT_FIELD: "https://spam.example"})
    response = client.post(enquiry_page.url, data)
    assert response.status_code == 200
    assert parse(response).h1.get_text(strip=True) == "Thank you, we got your message"
    assert FormSubmission.objects.count() == 0
    assert mailoutbox == []


def test_the_honeypot_is_hidden_from_people(client, enquiry_page):
    field = parse(client.get(enquiry_page.url)).find(attrs={"name": HONEYPOT_FIELD})
    wrapper = field.find_parent(class_="form-field--extra")
    assert wrapper["aria-hidden"] == "true" and field["tabindex"] == "-1"


def test_a_too_fast_submission_stores_nothing_and_keeps_the_answers(
    client, enquiry_page, settings, mailoutbox
):
    settings.ENQUIRY_MIN_SECONDS = 60
    data = form_data(client, enquiry_page)
    response = client.post(enquiry_page.url, data)
    assert response.status_code == 200
    soup = parse(response)
    assert soup.find(class_="form-errors").get_text(" ", strip=True).endswith(TOO_FAST)
    # Nothing they typed is wrong: the message must not send them looking for a mistake.
    assert soup.select_one(".form-errors p").get_text(strip=True) == (
        "Sorry, we could not send your message. Please press Send again."
    )
    assert not soup.select(".form-field__error")
    assert soup.find(attrs={"name": "your_message"}).get_text().strip() == ANSWERS["your_message"]
    renewed = soup.find(attrs={"name": STARTED_FIELD})["value"]
    assert renewed and renewed != data[STARTED_FIELD]
    assert FormSubmission.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.parametrize("token", ["", "1700000000.0", "forged:token:value"])
def test_a_missing_or_forged_start_time_is_refused(client, enquiry_page, token):
    response = client.post(enquiry_page.url, form_data(client, enquiry_page, form_started=token))
    assert response.status_code == 200
    assert EXPIRED in parse(response).find(class_="form-errors").get_text(" ", strip=True)
    assert FormSubmission.objects.count() == 0


def test_too_many_posts_from_one_address_get_a_429_with_the_phone_number(
    client, enquiry_page, settings
):
    settings.ENQUIRY_RATE_LIMIT = 2
    statuses = [
        client.post(enquiry_page.url, form_data(client, enquiry_page)).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    response = client.post(enquiry_page.url, form_data(client, enquiry_page))
    assert response.status_code == 429
    soup = parse(response)
    assert soup.main.find("a", href="tel:5550100").get_text() == "555-0100"
    assert "from your connection" in soup.select_one(".lead").get_text()
    assert FormSubmission.objects.count() == 2

    data = form_data(client, enquiry_page)
    other = client.post(enquiry_page.url, data, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200
    assert FormSubmission.objects.count() == 3


def test_forms_sent_back_with_mistakes_do_not_count_toward_the_limit(
    client, enquiry_page, settings
):
    settings.ENQUIRY_RATE_LIMIT = 2
    data = form_data(client, enquiry_page)
    for _ in range(5):  # someone putting their answers right, one by one
        response = client.post(enquiry_page.url, {**data, "your_name": ""})
        assert response.status_code == 200 and field_errors(response) == {"Your name"}
    statuses = [
        client.post(enquiry_page.url, form_data(client, enquiry_page)).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert FormSubmission.objects.count() == 2


def test_x_forwarded_for_counts_only_behind_a_proxy(client, enquiry_page, settings):
    settings.ENQUIRY_RATE_LIMIT = 1

    def post(forwarded_for):
        data = form_data(client, enquiry_page)  # a fresh form each time: a token works once
        return client.post(enquiry_page.url, data, HTTP_X_FORWARDED_FOR=forwarded_for)

    settings.BEHIND_PROXY = False
    first, spoofed = post("203.0.113.1"), post("203.0.113.2")
    assert (first.status_code, spoofed.status_code) == (200, 429)

    settings.BEHIND_PROXY = True
    # The proxy appends the real address; what the client sent before it is ignored.
    one, two = post("1.1.1.1, 203.0.113.5"), post("2.2.2.2, 203.0.113.5")
    other = post("203.0.113.6")
    assert (one.status_code, two.status_code, other.status_code) == (200, 429, 200)
    assert FormSubmission.objects.count() == 3


# The pages the form leads to ------------------------------------------------------------


def test_the_thank_you_page_gives_the_emergency_instruction_once(client, enquiry_page, contact):
    response = client.post(enquiry_page.url, form_data(client, enquiry_page))
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Thank you, we got your message"
    assert soup.get_text().count(contact.emergency_instruction) == 1


def test_the_rate_limited_page_gives_the_emergency_instruction_once(
    client, enquiry_page, contact, settings
):
    settings.ENQUIRY_RATE_LIMIT = 0
    response = client.post(enquiry_page.url, form_data(client, enquiry_page))
    assert response.status_code == 429
    assert parse(response).get_text().count(contact.emergency_instruction) == 1


def test_opening_hours_that_end_with_a_full_stop_get_no_second_one(
    client, enquiry_page, contact, settings
):
    contact.opening_hours = "Monday to Friday, 8 a.m. to 5 p.m."
    contact.save()
    data = form_data(client, enquiry_page)
    pages = {
        "form": client.get(enquiry_page.url),
        "form with errors": client.post(enquiry_page.url, {**data, "your_name": ""}),
        "thank-you": client.post(enquiry_page.url, data),
    }
    settings.ENQUIRY_RATE_LIMIT = 0
    pages["rate limited"] = client.post(enquiry_page.url, data)
    for name, response in pages.items():
        text = " ".join(parse(response).get_text(" ").split())
        assert "5 p.m." in text, name
        assert "p.m.." not in text and "p.m. ." not in text, name


# Who can read enquiries ------------------------------------------------------------------


@pytest.fixture
def submission(client, enquiry_page):
    answers = {"your_name": SCRIPT, "your_message": f'=HYPERLINK("x") {SCRIPT}'}
    client.post(enquiry_page.url, form_data(client, enquiry_page, **answers))
    return FormSubmission.objects.get()


def staff_client(*groups):
    user = User.objects.create_user(username="staff", password="x", email="s@example.org")
    user.groups.set(Group.objects.filter(name__in=groups))
    client = Client()
    client.force_login(user)
    return client


def submissions_url(page):
    return reverse("wagtailforms:list_submissions", args=(page.pk,))


def test_an_editor_outside_referral_coordinators_cannot_see_submissions(enquiry_page, submission):
    ensure_referral_coordinators(Report())
    editor = staff_client("Editors")
    # Editors may edit every page, yet the enquiries stay out of sight.
    assert (
        editor.get(reverse("wagtailadmin_pages:edit", args=(enquiry_page.pk,))).status_code == 200
    )
    forms_index = parse(editor.get(reverse("wagtailforms:index")))
    assert not forms_index.find("a", href=submissions_url(enquiry_page))
    assert editor.get(submissions_url(enquiry_page)).status_code in (302, 403)
    export = editor.get(submissions_url(enquiry_page) + "?export=csv")
    assert export.status_code in (302, 403)


def test_referral_coordinators_see_submissions_as_text(enquiry_page, submission):
    ensure_referral_coordinators(Report())
    coordinator = staff_client(REFERRAL_COORDINATORS)
    response = coordinator.get(submissions_url(enquiry_page))
    assert response.status_code == 200
    listing = parse(response).select_one("main table.listing")
    assert SCRIPT in listing.get_text()
    assert listing.find("script") is None


def test_the_csv_export_keeps_payloads_as_inert_text(admin_client, enquiry_page, submission):
    response = admin_client.get(submissions_url(enquiry_page) + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert rows[0]["Your name"] == SCRIPT
    # A leading "=" would run as a formula in a spreadsheet program.
    assert rows[0]["Your message"] == f'\'=HYPERLINK("x") {SCRIPT}'


# Data retention --------------------------------------------------------------------------


def submission_aged(page, days):
    item = FormSubmission.objects.create(page=page, form_data={"your_name": f"{days} days"})
    FormSubmission.objects.filter(pk=item.pk).update(
        submit_time=timezone.now() - timedelta(days=days)
    )
    return item


def test_purge_submissions_deletes_only_what_is_older_than_the_limit(enquiry_page):
    kept = [submission_aged(enquiry_page, days) for days in (0, 29)]
    submission_aged(enquiry_page, 31)
    submission_aged(enquiry_page, 400)
    call_command("purge_submissions", "--older-than", "30", verbosity=0)
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == {k.pk for k in kept}


def test_purge_submissions_defaults_to_the_retention_setting(enquiry_page, settings):
    assert settings.FORM_SUBMISSION_RETENTION_DAYS == 180
    recent = submission_aged(enquiry_page, 179)
    submission_aged(enquiry_page, 181)
    call_command("purge_submissions", verbosity=0)
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]


def test_purge_submissions_refuses_a_limit_below_one_day(enquiry_page):
    submission_aged(enquiry_page, 5)
    with pytest.raises(CommandError):
        call_command("purge_submissions", "--older-than", "0", verbosity=0)
    assert FormSubmission.objects.count() == 1
