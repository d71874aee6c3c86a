import re
from dataclasses import dataclass

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import QuestionsBlock, SectionBlock
from .linked_pages import linked_page_ids, prefetched_pages

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
        verbose_name = "Contact details"

    CACHE_KEY = "content:contact-settings"

    @classmethod
    def for_request(cls, request):
        """The contact details from the shared cache; every page needs them.

        Saving or deleting the row clears the cache (see content/signals.py).
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


DOI_VALIDATOR = RegexValidator(
    r"^10\.\d{4,9}/\S+$",
    "Enter a DOI such as 10.1007/s00270-016-1400-8, without https://doi.org/ in front.",
)


@register_snippet
class Reference(index.Indexed, models.Model):
    """A citation, reused by every page that relies on it."""

    authors = models.CharField(max_length=300, help_text="For example: Bagla S, et al.")
    title = models.CharField(max_length=500)
    publication = models.CharField(
        max_length=300, blank=True, help_text="The journal, or the body that published it."
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    details = models.CharField(
        max_length=100, blank=True, help_text="Volume, issue and pages, such as 39(9)."
    )
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[DOI_VALIDATOR])
    url = models.URLField("Web address", blank=True)

    panels = [
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldPanel("publication"),
        FieldPanel("year"),
        FieldPanel("details"),
        FieldPanel("doi"),
        FieldPanel("url"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("authors")]

    class Meta:
        ordering = ["authors", "year"]

    def __str__(self):
        return f"{self.authors} ({self.year or 'n.d.'}). {self.title}"

    @property
    def link(self):
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    def clean(self):
        self.doi = self.doi.strip().removeprefix("https://doi.org/")


@register_snippet
class Clinician(models.Model):
    name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=120, blank=True, help_text="For example: MD, FSIR")
    role = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("credentials"), FieldPanel("role")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


@dataclass(frozen=True)
class Section:
    """One titled part of a page, as the template and "On this page" list need it."""

    anchor: str
    heading: str
    body: object = None
    parts: tuple = ()
    template: str = "includes/section_blocks.html"


SUMMARY = "includes/section_summary.html"
PARTS = "includes/section_parts.html"
REFERENCES = "includes/section_references.html"


def heading_field(default):
    return models.CharField(max_length=80, default=default, help_text="The section's heading.")


class BasePage(Page):
    """What every patient-facing page shares: a plain summary and its meta description."""

    summary = models.TextField(
        max_length=600,
        help_text="Two or three short sentences in plain words. Also used by search engines "
        "when the promote tab's description is empty.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def serve(self, request, *args, **kwargs):
        with prefetched_pages(linked_page_ids(self)):
            response = super().serve(request, *args, **kwargs)
            response.render()  # inside the prefetch, where the links are resolved
        return response


class HomePage(BasePage):
    body = StreamField(SectionBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.ProcedurePage", "content.StandardPage"]
    max_count = 1
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["procedures"] = ProcedurePage.objects.child_of(self).live().public()
        return context


class ProcedurePage(BasePage):
    """A procedure explained in typed sections, in a fixed, patient-tested order."""

    summary_heading = heading_field("In short")
    benefits_heading = heading_field("How it can help")
    benefits = StreamField(SectionBlock(), blank=True)
    how_it_works_heading = heading_field("How it works")
    how_it_works = StreamField(SectionBlock(), blank=True)
    procedure_heading = heading_field("The procedure")
    before_heading = heading_field("Before the procedure")
    before = StreamField(SectionBlock(), blank=True)
    on_the_day_heading = heading_field("On the day")
    on_the_day = StreamField(SectionBlock(), blank=True)
    after_heading = heading_field("After the procedure")
    after = StreamField(SectionBlock(), blank=True)
    recovery_heading = heading_field("Recovery and results")
    recovery_and_results = StreamField(SectionBlock(), blank=True)
    risks_heading = heading_field("Risks")
    risks = StreamField(SectionBlock(), blank=True)
    questions_heading = heading_field("Questions people ask")
    questions = StreamField(QuestionsBlock(), blank=True)
    references_heading = heading_field("Where our facts come from")

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("summary_heading"), FieldPanel("summary")], "Summary"),
        MultiFieldPanel([FieldPanel("benefits_heading"), FieldPanel("benefits")], "Benefits"),
        MultiFieldPanel(
            [FieldPanel("how_it_works_heading"), FieldPanel("how_it_works")], "How it works"
        ),
        MultiFieldPanel(
            [
                FieldPanel("procedure_heading"),
                FieldPanel("before_heading"),
                FieldPanel("before"),
                FieldPanel("on_the_day_heading"),
                FieldPanel("on_the_day"),
                FieldPanel("after_heading"),
                FieldPanel("after"),
            ],
            "The procedure",
        ),
        MultiFieldPanel(
            [FieldPanel("recovery_heading"), FieldPanel("recovery_and_results")],
            "Recovery and results",
        ),
        MultiFieldPanel([FieldPanel("risks_heading"), FieldPanel("risks")], "Risks"),
        MultiFieldPanel(
            [FieldPanel("questions_heading"), FieldPanel("questions")], "Questions (FAQ)"
        ),
        MultiFieldPanel(
            [FieldPanel("references_heading"), InlinePanel("page_references", label="Reference")],
            "References",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField(name)
        for name in (
            "benefits",
            "how_it_works",
            "before",
            "on_the_day",
            "after",
            "recovery_and_results",
            "risks",
            "questions",
        )
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    template = "pages/procedure_page.html"

    def references(self):
        return [item.reference for item in self.page_references.select_related("reference")]

    def sections(self):
        """The sections that have content, in their fixed order, each with its anchor."""
        procedure_parts = tuple(
            Section(anchor, heading, body)
            for anchor, heading, body in (
                ("before", self.before_heading, self.before),
                ("on-the-day", self.on_the_day_heading, self.on_the_day),
                ("after", self.after_heading, self.after),
            )
            if body
        )
        references = self.references()
        candidates = [
            Section("summary", self.summary_heading, self.summary, template=SUMMARY),
            Section("benefits", self.benefits_heading, self.benefits),
            Section("how-it-works", self.how_it_works_heading, self.how_it_works),
            Section("the-procedure", self.procedure_heading, parts=procedure_parts, template=PARTS),
            Section("recovery-and-results", self.recovery_heading, self.recovery_and_results),
            Section("risks", self.risks_heading, self.risks),
            Section("questions", self.questions_heading, self.questions),
            Section("references", self.references_heading, references, template=REFERENCES),
        ]
        return [section for section in candidates if section.body or section.parts]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        return context


class ProcedurePageReference(Orderable):
    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="page_references")
    reference = models.ForeignKey(Reference, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("reference")]


class StandardPage(BasePage):
    body = StreamField(SectionBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]
    template = "pages/standard_page.html"
