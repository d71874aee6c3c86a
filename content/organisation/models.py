import re

from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{6,24}$",
    "Enter a phone number using digits, spaces, brackets and dashes, such as 555-0100.",
)
# Fictional numbers (555-0100 to 555-0199) mark the starter contact details.
EXAMPLE_NUMBER = re.compile(r"555[ .-]?01\d\d")


@register_setting(icon="phone")
class ContactSettings(BaseGenericSetting):
    organisation_name = models.CharField(max_length=120, default="Spine Tumor Program")
    phone = models.CharField(
        max_length=30,
        blank=True,
        validators=[PHONE_VALIDATOR],
        help_text="The number patients and referrers call. Shown on every page.",
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

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")], heading="Numbers"
        ),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldPanel("emergency_instruction"),
        FieldPanel("footer_disclaimer"),
    ]

    class Meta:
        # The table it has had since it lived in the "content" app (migrations there).
        db_table = "content_contactsettings"
        verbose_name = "Contact details"

    CACHE_KEY = "content:contact-settings"

    @classmethod
    def for_request(cls, request):
        """The contact details from the shared cache; every page needs them.

        Saving or deleting the row clears the cache (see signals.py).
        """
        settings = cache.get(cls.CACHE_KEY)
        if settings is None:
            settings = cls.load(request_or_site=request)
            cache.set(cls.CACHE_KEY, settings, timeout=None)
        return settings

    @property
    def phone_href(self):
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def uses_example_details(self):
        return any(EXAMPLE_NUMBER.search(number) for number in (self.phone, self.fax))
