"""The enquiry form's protection: length limits, a honeypot, a minimum time to fill the
form in, and a per-address rate limit. No third-party script and no CAPTCHA: patients in
pain should not have to solve puzzles, and their visit must stay private."""

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.template.response import TemplateResponse
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

REFERRAL_COORDINATORS = "Referral coordinators"
HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
TIMESTAMP_SALT = "content.enquiry.form-started"
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


def client_address(request):
    """The visitor's address. X-Forwarded-For is only trusted behind our own proxy, and then
    only its last entry, the one that proxy added; earlier entries are the client's say-so."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def over_rate_limit(request, scope="enquiry"):
    """Count this request against its address; True once the address has sent too many.

    The address is hashed: the cache never holds visitors' IP addresses.
    """
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest}"
    window = settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > settings.ENQUIRY_RATE_LIMIT


def rate_limited_response(request, page):
    response = TemplateResponse(
        request, "pages/enquiry_rate_limited.html", {"page": page}, status=429
    )
    response["Retry-After"] = str(settings.ENQUIRY_RATE_LIMIT_WINDOW_SECONDS)
    return response
