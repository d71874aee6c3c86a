"""The enquiry form's protection: length limits, a honeypot and a minimum time to fill the
form in, whose signed token stores one enquiry only (sending.py spends it; the limits per
address and per hour are in rate_limit.py). No third-party script and no CAPTCHA:
patients in pain should not have to solve puzzles, and their visit must stay private.

Also its words: every error message names its field and says what to do, and the
sender's own name, email and phone number are marked for the browser to fill in."""

import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
TIMESTAMP_SALT = "content.enquiry.form-started"  # unchanged: forms already open stay valid
UNREADABLE = "\ufffd"  # what Django puts in place of bytes that are not UTF-8

# Field types of our own (EnquiryFormField.field_type), for the sender's own details.
NAME, PHONE, EMAIL = "name", "phone", "email"
CHOICE_TYPES = ("dropdown", "multiselect", "radio", "checkboxes")

# Nothing is wrong with what they typed: they only need to send it again.
# Visitor-facing words go through gettext (locale/es/LC_MESSAGES/django.po). These are the
# English msgids, translated where they are shown: gettext(TOO_FAST).
TOO_FAST = gettext_noop("Sorry, we could not send your message. Please press Send again.")
EXPIRED = gettext_noop(
    "This form was open for a long time, so we could not send it. Your answers are "
    "still here: please check them, then press Send again."
)
ALREADY_SENT = gettext_noop(
    "This form was already sent, so we did not send it again. If this is a new message, "
    "press Send again."
)
NO_WAY_TO_REPLY = gettext_noop("Enter a phone number or an email address so we can reply.")


def signed_now():
    """The time the form was shown, signed, with a random part: no two forms shown share a
    token, so that each can be spent once (sending.py)."""
    return signing.dumps([time.time(), secrets.token_urlsafe(12)], salt=TIMESTAMP_SALT)


def started_at(payload):
    """The time in a token: [time, nonce], or a bare time from a form shown before tokens
    had a random part (such a form still works; its token is spent the same way)."""
    return float(payload[0] if isinstance(payload, list) else payload)


def token_digest(token):
    """What is kept of a spent token: its hash, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def in_a_sentence(label):
    """The label as words inside a sentence: "Your name" -> "your name"; a question is
    quoted, 'your answer to "Who are you?"'. "NHS number" keeps its capitals."""
    text = " ".join(label.split()).rstrip(":").strip()
    if text.endswith("?"):
        return gettext('your answer to "%(question)s"').replace("%(question)s", text)
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def error_messages(field):
    """Messages that name the field and say what to do, for Django's "This field is
    required." and the like. A message Django fills in with values (%(limit_value)d) has
    any "%" in the label doubled, so that a label such as "100% sure?" cannot break it."""
    words = in_a_sentence(field.label)
    escaped = words.replace("%", "%%")

    def say(message, field_words=words):
        # The label goes in by replace(), never by "%": a label may hold a "%" of its own.
        return gettext(message).replace("%(field)s", field_words)

    if field.field_type == "checkbox":
        label = " ".join(field.label.split())
        required = gettext('Check the box "%(label)s"').replace("%(label)s", label)
    elif field.field_type in CHOICE_TYPES:
        required = say("Choose %(field)s")
    else:
        required = say("Enter %(field)s")
    capitalised = f"{escaped[:1].upper()}{escaped[1:]}"
    return {
        "required": required,
        "max_length": say(
            "%(field)s must be %(limit_value)d characters or fewer. You typed %(show_value)d.",
            capitalised,
        ),
        "invalid_choice": say("Choose %(field)s from the list", escaped),
        "invalid_list": say("Choose %(field)s from the list"),  # Django gives it no values
        "invalid": {
            EMAIL: gettext("Enter an email address in the right format, like name@example.com"),
            "url": gettext("Enter a web address in the right format, like https://example.org"),
            "number": say("Enter %(field)s as a number"),
            "date": say("Enter %(field)s as a date, like 3/31/2025"),
            "datetime": say("Enter %(field)s as a date and time, like 3/31/2025 14:30"),
        }.get(field.field_type)
        or say("Enter %(field)s in the right format"),
    }


class EnquiryForm(BaseForm):
    """The editor-built fields, plus a honeypot and a signed time the form was shown."""

    # The names of the phone and email fields (set by EnquiryFormBuilder.get_form_class).
    phone_fields = ()
    email_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_spam = False
        self.started_token = None  # the signed start time, once it checked out
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            max_length=200,
            label=gettext_lazy("Leave this box empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = forms.CharField(
            required=False, max_length=200, initial=signed_now(), widget=forms.HiddenInput
        )

    def clean(self):
        cleaned_data = super().clean()
        for name, value in list(cleaned_data.items()):
            if isinstance(value, str) and UNREADABLE in value:
                words = in_a_sentence(str(self.fields[name].label or gettext("this answer")))
                message = gettext(
                    "%(field)s has characters we could not read. Please type it again."
                )
                self.add_error(
                    name, message.replace("%(field)s", f"{words[:1].upper()}{words[1:]}")
                )
        self.require_a_way_to_reply(cleaned_data)
        # People never see the honeypot; software that fills every box does.
        self.is_spam = bool(cleaned_data.pop(HONEYPOT_FIELD, ""))
        self.check_time_taken(cleaned_data.pop(STARTED_FIELD, ""))
        return cleaned_data

    def require_a_way_to_reply(self, cleaned_data):
        """A phone number or an email address, whichever the sender has: when the form asks
        for both and requires neither, one of them must be given."""
        names = [*self.phone_fields, *self.email_fields]
        if not self.phone_fields or not self.email_fields:
            return
        if any(self.fields[name].required or self.has_error(name) for name in names):
            return  # their own messages already say what to do
        if not any(cleaned_data.get(name) for name in names):
            self.add_error(self.phone_fields[0], gettext(NO_WAY_TO_REPLY))

    def check_time_taken(self, token):
        try:
            started = signing.loads(
                token, salt=TIMESTAMP_SALT, max_age=settings.ENQUIRY_FORM_MAX_AGE_SECONDS
            )
            started = started_at(started)
        except (signing.BadSignature, TypeError, ValueError, IndexError):
            # A bad or expired signature, or a signed value that is not a time.
            self.add_error(None, gettext(EXPIRED))
            return
        if time.time() - started < settings.ENQUIRY_MIN_SECONDS:
            self.add_error(None, gettext(TOO_FAST))
            return
        self.started_token = token

    def renew_start_time(self):
        """Give a re-shown form a fresh signed time, so that sending it again can work."""
        self.data = self.data.copy()
        self.data[self.add_prefix(STARTED_FIELD)] = signed_now()


class EnquiryFormBuilder(FormBuilder):
    """Wagtail's form builder with length limits on every text field, clear error messages,
    and the sender's name, email and phone number marked for autofill (WCAG 1.3.5).

    Staff choose "Name of the person writing" or "Phone number" as the field's type (our
    own types, EnquiryFormField.field_type) rather than us guessing from the label: a label
    such as "Your doctor's phone number" must not be filled with the sender's own, a label
    such as "Mobile" would be missed, and a type is what staff see and can change."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = error_messages(field)
        return options

    def create_singleline_field(self, field, options):
        options["max_length"] = settings.ENQUIRY_FIELD_MAX_LENGTH
        return forms.CharField(**options)

    def create_name_field(self, field, options):
        options["max_length"] = settings.ENQUIRY_FIELD_MAX_LENGTH
        return forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "name"}), **options)

    def create_phone_field(self, field, options):
        # type="tel" opens the phone's number pad; the number is kept as typed.
        options["max_length"] = settings.ENQUIRY_FIELD_MAX_LENGTH
        return forms.CharField(widget=forms.TelInput(attrs={"autocomplete": "tel"}), **options)

    def create_email_field(self, field, options):
        options["widget"] = forms.EmailInput(attrs={"autocomplete": "email"})
        return super().create_email_field(field, options)

    def create_multiline_field(self, field, options):
        options["max_length"] = settings.ENQUIRY_MESSAGE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def names_of(self, field_type):
        return tuple(
            field.clean_name or field.get_field_clean_name()
            for field in self.fields
            if field.field_type == field_type
        )

    def get_form_class(self):
        attrs = {
            **self.formfields,
            "phone_fields": self.names_of(PHONE),
            "email_fields": self.names_of(EMAIL),
        }
        return type("EnquiryFormWithFields", (EnquiryForm,), attrs)
