"""The language help notice (ACA Section 1557, 45 CFR 92.11): free language help and
auxiliary aids, the phone number to ask for them, and a tagline in each of the languages
most spoken in the hospital's state, each in its own `lang` and text direction."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.rich_text import expand_db_html

from content.organisation.models import ContactSettings

from .base import BasePage, heading_field

PHONE = "[phone]"
# Scripts written right to left, by the language subtag that names them.
RIGHT_TO_LEFT = {"ar", "fa", "he", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"}
LANGUAGE_TAG = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    "Enter a language code such as ar, fa, zh-Hant or pt-BR.",
)
DIRECTIONS = [("ltr", "Left to right"), ("rtl", "Right to left")]


def with_phone(text, html=False):
    """The text with each [phone] replaced by the contact details' phone number as a link,
    held left to right so that it reads correctly inside right-to-left text."""
    contact = ContactSettings.current()
    phone = (
        format_html('<a href="{}" dir="ltr">{}</a>', contact.phone_href, contact.phone)
        if contact.phone
        else ""
    )
    parts = text.split(PHONE)
    if not html:
        parts = [escape(part) for part in parts]
    return mark_safe(phone.join(parts))  # noqa: S308 (the parts are escaped or rich text)


class LanguageHelpPage(BasePage):  # noqa: DJ008 (Page has __str__)
    """The notice that free language help and aids are available, and taglines that say so
    in other languages. Linked from every page's footer and printed on the handouts."""

    notice = RichTextField(
        features=["bold", "italic", "ol", "ul", "link"],
        help_text="In this page's language: that free language help and free aids and services "
        f"for disabled people are available, and how to ask. Write {PHONE} where the phone "
        "number goes: it comes from Settings, Contact details.",
    )
    taglines_heading = heading_field("Help in your language")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("notice"),
        MultiFieldPanel(
            [FieldPanel("taglines_heading"), InlinePanel("taglines", label="Tagline")],
            "Taglines",
            help_text="One short sentence in each of the 15 languages most spoken in your state "
            "(45 CFR 92.11), each checked by a qualified translator.",
        ),
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/language_help_page.html"

    def clean(self):
        super().clean()
        if PHONE not in self.notice:
            raise ValidationError({"notice": f"Write {PHONE} where the phone number goes."})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notice"] = with_phone(expand_db_html(self.notice), html=True)
        context["taglines"] = [
            (tagline, with_phone(tagline.text)) for tagline in self.taglines.all()
        ]
        return context


class LanguageTagline(Orderable):
    """One language's sentence: free language help is available, and the number to call."""

    page = ParentalKey(LanguageHelpPage, on_delete=models.CASCADE, related_name="taglines")
    language = models.CharField(max_length=60, help_text="In English, for staff: such as Arabic.")
    native_name = models.CharField(
        "Name in the language itself", max_length=60, help_text="Such as العربية or Español."
    )
    lang = models.CharField(
        "Language code",
        max_length=20,
        validators=[LANGUAGE_TAG],
        help_text="For browsers, screen readers and fonts: such as ar, fa, zh-Hant.",
    )
    direction = models.CharField("Text direction", max_length=3, choices=DIRECTIONS, default="ltr")
    text = models.TextField(
        help_text=f"The sentence in that language. Write {PHONE} where the phone number goes."
    )
    checked_by = models.CharField(
        "Translation checked by",
        max_length=200,
        blank=True,
        help_text="The qualified translator who checked this sentence, and when. Until then, "
        "the dashboard lists it as waiting for a check.",
    )

    panels = [
        FieldPanel("language"),
        FieldPanel("native_name"),
        FieldPanel("lang"),
        FieldPanel("direction"),
        FieldPanel("text"),
        FieldPanel("checked_by"),
    ]

    def __str__(self):
        return f"{self.language} ({self.native_name})"

    def clean(self):
        errors = {}
        if PHONE not in self.text:
            errors["text"] = f"Write {PHONE} where the phone number goes."
        primary = re.split(r"-", self.lang or "")[0].lower()
        expected = "rtl" if primary in RIGHT_TO_LEFT else "ltr"
        if self.lang and self.direction != expected:
            way = "right to left" if expected == "rtl" else "left to right"
            errors["direction"] = f"{self.language or self.lang} is written {way}."
        if errors:
            raise ValidationError(errors)
