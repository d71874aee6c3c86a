import re
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext, gettext_noop
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from .colours import MINIMUM_CONTRAST, contrast_with_white
from .spanish import (
    LocalizedSetting,
    SettingText,
    active_language,
    checked_by_field,
    forget_outdated_check,
    spanish_name,
    spanish_panel,
    text_in_language,
)

PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{6,24}$",
    "Enter a phone number using digits, spaces, brackets and dashes, such as 555-0100.",
)
# Fictional numbers (555-0100 to 555-0199) mark the starter contact details.
EXAMPLE_NUMBER = re.compile(r"555[ .-]?01\d\d")


def tel_href(number):
    return "tel:" + re.sub(r"[^0-9+]", "", number) if number else ""


class CachedSetting(BaseGenericSetting):
    """A site setting every page needs, kept in the shared cache.

    Saving or deleting the row clears the cache (signals.py).
    """

    class Meta:
        abstract = True

    @classmethod
    def cache_key(cls):
        return f"content:{cls._meta.model_name}"

    @classmethod
    def for_request(cls, request):
        return cls.current()

    @classmethod
    def current(cls):
        """The setting for code with no request at hand, such as a page's sections."""
        settings = cache.get(cls.cache_key())
        if settings is None:
            # Wagtail's load() would save a new row, and a page view should write nothing:
            # until staff save the setting, pages show its defaults.
            settings = cls.objects.order_by("pk").first() or cls()
            settings.load_related()
            cache.set(cls.cache_key(), settings, timeout=None)
        return settings

    def load_related(self):
        """Fetch what templates read through relations, so it is cached with the row."""

    def save(self, *args, **kwargs):
        forget_outdated_check(self)
        super().save(*args, **kwargs)

    # The fields whose words patients read that have a Spanish twin, "<name>_es" (spanish.py).
    translated_fields = ()

    def text(self, name, language=None):
        """The field's words in the language shown (or `language`): spanish.py."""
        return text_in_language(self, name, language)

    def localized(self, language=None):
        """The setting as templates read it, its translated fields in the language shown."""
        return LocalizedSetting(self, language)


@register_setting(icon="phone")
class ContactSettings(CachedSetting):
    phone = models.CharField(
        max_length=30,
        blank=True,
        validators=[PHONE_VALIDATOR],
        help_text="The number patients and referrers call. Shown on every page.",
    )
    after_hours_phone = models.CharField(
        "After-hours phone",
        max_length=30,
        blank=True,
        validators=[PHONE_VALIDATOR],
        help_text="For nights and weekends, when the number above is closed. Shown where "
        "pages tell patients when to call their care team.",
    )
    fax = models.CharField(max_length=30, blank=True, validators=[PHONE_VALIDATOR])
    email = models.EmailField(blank=True, help_text="For referrals and general questions.")
    address = models.TextField(blank=True, help_text="One line per line of the address.")
    opening_hours = models.CharField(max_length=200, blank=True)
    emergency_instruction = models.CharField(
        max_length=300,
        blank=True,
        help_text="Shown in the footer of every page, for example when to call 911.",
    )
    footer_disclaimer = models.TextField(blank=True)
    opening_hours_es = models.CharField(
        "Opening hours (Spanish)",
        max_length=200,
        blank=True,
        help_text="For example “lunes a viernes, de 8 a.m. a 5 p.m.” (shown in brackets "
        "after the phone number).",
    )
    emergency_instruction_es = models.CharField(
        "Emergency instruction (Spanish)",
        max_length=300,
        blank=True,
        help_text="Shown in the footer of every Spanish page. Keep it filled in: it tells "
        "patients when to call 911.",
    )
    footer_disclaimer_es = models.TextField("Footer disclaimer (Spanish)", blank=True)
    spanish_checked_by = checked_by_field()
    enquiry_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the 'Ask us' links on the procedure page lead: the enquiry form.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("after_hours_phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
            ],
            heading="Numbers",
        ),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("emergency_instruction"),
        FieldPanel("footer_disclaimer"),
        FieldPanel("enquiry_page"),
        spanish_panel(["opening_hours", "emergency_instruction", "footer_disclaimer"]),
    ]
    translated_fields = ("opening_hours", "emergency_instruction", "footer_disclaimer")

    class Meta:
        # The table it has had since it lived in the "content" app (migrations there).
        db_table = "content_contactsettings"
        verbose_name = "Contact details"

    def load_related(self):
        if self.enquiry_page_id:
            self.enquiry_page = self.enquiry_page.specific

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def after_hours_phone_href(self):
        return tel_href(self.after_hours_phone)

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def map_links(self):
        return map_links(", ".join(self.address_lines)) if self.address_lines else []

    @property
    def uses_example_details(self):
        numbers = (self.phone, self.after_hours_phone, self.fax)
        return any(EXAMPLE_NUMBER.search(number) for number in numbers)


HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter a colour as # and six hexadecimal digits, such as #004a80."
)
# Fictional names (the starter content's "Example Hospital") mark starter brand details.
EXAMPLE_NAME = re.compile(r"\bexample\b", re.IGNORECASE)


@register_setting(icon="image")
class BrandSettings(CachedSetting):
    program_name = models.CharField(
        max_length=80,
        default="Spine Tumor Program",
        help_text="Shown beside the logo on every page, and after each page's title.",
    )
    program_name_es = models.CharField(
        "Program name (Spanish)",
        max_length=80,
        blank=True,
        help_text="For example “Programa de Tumores de la Columna”.",
    )
    spanish_checked_by = checked_by_field()
    hospital_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="The hospital the program belongs to. Shown in the header when there is no "
        "logo, and in share previews.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The hospital's logo, shown small in the header (SVG is best). Its text "
        "alternative is the hospital's name.",
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#004a80",
        validators=[HEX_COLOUR],
        help_text="Used for the header, buttons and links, so text on it and in it must stay "
        f"readable: it needs a contrast of at least {MINIMUM_CONTRAST}:1 with white.",
    )

    panels = [
        FieldPanel("program_name"),
        FieldPanel("hospital_name"),
        FieldPanel("logo"),
        FieldPanel("accent_colour"),
        spanish_panel(["program_name"]),
    ]
    translated_fields = ("program_name",)

    class Meta:
        verbose_name = "Brand"

    def __str__(self):
        return self.program_name

    def load_related(self):
        if self.logo_id:
            self.logo = self.logo

    def clean(self):
        super().clean()
        if HEX_COLOUR.regex.match(self.accent_colour or ""):
            ratio = contrast_with_white(self.accent_colour)
            if ratio < MINIMUM_CONTRAST:
                raise ValidationError(
                    {
                        "accent_colour": f"This colour has a contrast of {ratio:.1f}:1 with "
                        f"white. Text needs at least {MINIMUM_CONTRAST}:1 to be readable for "
                        "everyone: choose a darker colour."
                    }
                )

    @property
    def uses_example_details(self):
        return not self.hospital_name or bool(EXAMPLE_NAME.search(self.hospital_name))


@register_setting(icon="link")
class FooterLinks(ClusterableModel, CachedSetting):
    """The links at the foot of every page, in the order staff set."""

    panels = [InlinePanel("links", label="Link", heading="Links")]

    class Meta:
        verbose_name = "Footer links"

    def load_related(self):
        links = self.links.select_related("page").filter(page__live=True) if self.pk else []
        self.cached_links = [(link.label or link.page.title, link.page) for link in links]


class FooterLink(Orderable):
    setting = ParentalKey(FooterLinks, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(
        max_length=60, blank=True, help_text="Leave empty to use the page's title."
    )

    panels = [FieldPanel("page"), FieldPanel("label")]


DIRECTION_LABELS = {
    "parking": gettext_noop("Parking"),
    "public_transport": gettext_noop("Public transport"),
    "accessible_entrance": gettext_noop("Step-free entrance"),
}


def translated_label(label):
    """The label in the language shown; marked lang="en" while the catalogue lacks it."""
    translated = gettext(label)
    untranslated = translated == label and active_language() != settings.LANGUAGE_CODE
    return SettingText(translated, lang=settings.LANGUAGE_CODE if untranslated else "")


def map_links(address):
    """Links that open the address in the visitor's own map app: Apple's opens Apple Maps
    on an iPhone or a Mac, Google's opens Google Maps on Android. Nothing loads until the
    visitor taps, so no third party sees who reads the page."""
    query = urlencode({"q": address})
    return [
        ("Apple Maps", f"https://maps.apple.com/?{query}"),
        (
            "Google Maps",
            f"https://www.google.com/maps/search/?api=1&{urlencode({'query': address})}",
        ),
    ]


@register_setting(icon="site")
class VisitingSettings(CachedSetting):
    """Finding the clinic, and what the procedure may cost: shown in the procedure page's
    "Where to find us" and "Costs and insurance" sections. The address is in the contact
    details."""

    parking = models.TextField(
        blank=True,
        help_text="Where patients and their drivers can park. One or two short sentences.",
    )
    public_transport = models.TextField(
        blank=True, help_text="Buses, trains or shuttles that stop near the entrance."
    )
    accessible_entrance = models.TextField(
        blank=True,
        help_text="The step-free entrance nearest the clinic, and where to ask for a wheelchair.",
    )
    parking_es = models.TextField("Parking (Spanish)", blank=True)
    public_transport_es = models.TextField("Public transport (Spanish)", blank=True)
    accessible_entrance_es = models.TextField("Step-free entrance (Spanish)", blank=True)
    spanish_checked_by = checked_by_field()
    price_estimator_url = models.URLField(
        "Price estimator",
        blank=True,
        help_text="The hospital's online price estimator, which federal price-transparency "
        "rules (45 CFR 180.60) require. Linked from 'Costs and insurance'.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("parking"),
                FieldPanel("public_transport"),
                FieldPanel("accessible_entrance"),
            ],
            heading="Finding us",
        ),
        FieldPanel("price_estimator_url"),
        spanish_panel(["parking", "public_transport", "accessible_entrance"]),
    ]
    translated_fields = ("parking", "public_transport", "accessible_entrance")

    class Meta:
        verbose_name = "Visiting and costs"

    def __str__(self):
        return str(self._meta.verbose_name)

    @property
    def directions(self):
        """(label, text) for each way of reaching the clinic that staff have described, in
        the language shown. Each is a SettingText: its `lang` is set when it is English on
        a page in another language."""
        return [
            (translated_label(label), text)
            for label, text in (
                (DIRECTION_LABELS[name], self.text(name)) for name in self.translated_fields
            )
            if text.strip()
        ]

    @property
    def uses_example_details(self):
        names = [*self.translated_fields, *map(spanish_name, self.translated_fields)]
        texts = [getattr(self, name) for name in names]
        estimator_host = urlsplit(self.price_estimator_url).hostname or ""
        return any(EXAMPLE_NAME.search(text) for text in texts) or estimator_host.endswith(
            ("example.org", "example.com")
        )
