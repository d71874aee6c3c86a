"""The enquiry form's protection: length limits, a honeypot and a minimum time to fill the
form in (the per-address limit is in rate_limit.py). No third-party script and no CAPTCHA:
patients in pain should not have to solve puzzles, and their visit must stay private."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
TIMESTAMP_SALT = "content.enquiry.form-started"  # unchanged: forms already open stay valid
UNREADABLE = "\ufffd"  # what Django puts in place of bytes that are not UTF-8

TOO_FAST = (
    "Sorry, we could not send your message yet. Please check your details, then press Send again."
)
EXPIRED = (
    "This form was open for a long time, so we could not send it. Your answers are "
    "still here: please check them, then press Send again."
)


def signed_now():
    return signing.dumps(time.time(), salt=TIMESTAMP_SALT)


class EnquiryForm(BaseForm):
    """The editor-built fields, plus a honeypot and a signed time the form was shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_spam = False
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            max_length=200,
            label="Leave this box empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = forms.CharField(
            required=False, max_length=200, initial=signed_now(), widget=forms.HiddenInput
        )

    def clean(self):
        cleaned_data = super().clean()
        for name, value in list(cleaned_data.items()):
            if isinstance(value, str) and UNREADABLE in value:
                self.add_error(
                    name, "This contains characters we could not read. Please type it again."
                )
        # People never see the honeypot; software that fills every box does.
        self.is_spam = bool(cleaned_data.pop(HONEYPOT_FIELD, ""))
        self.check_time_taken(cleaned_data.pop(STARTED_FIELD, ""))
        return cleaned_data

    def check_time_taken(self, token):
        try:
            started = signing.loads(
                token, salt=TIMESTAMP_SALT, max_age=settings.ENQUIRY_FORM_MAX_AGE_SECONDS
            )
        except signing.BadSignature:  # also covers an expired signature
            self.add_error(None, EXPIRED)
            return
        if time.time() - float(started) < settings.ENQUIRY_MIN_SECONDS:
            self.add_error(None, TOO_FAST)

    def renew_start_time(self):
        """Give a re-shown form a fresh signed time, so that sending it again can work."""
        self.data = self.data.copy()
        self.data[self.add_prefix(STARTED_FIELD)] = signed_now()


class EnquiryFormBuilder(FormBuilder):
    """Wagtail's form builder with length limits on every text field."""

    def create_singleline_field(self, field, options):
        options["max_length"] = settings.ENQUIRY_FIELD_MAX_LENGTH
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = settings.ENQUIRY_MESSAGE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def get_form_class(self):
        return type("EnquiryFormWithFields", (EnquiryForm,), self.formfields)
