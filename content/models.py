import re
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    PageManager,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import QuestionsBlock, SectionBlock
from .glossary import GlossaryMarkingMixin
from .linked_pages import linked_page_ids, prefetched_pages
from .plain_language import PlainLanguageCheckMixin

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


class ClinicalReviewMixin(models.Model):
    """When a clinician last signed the page off, and when it must be checked again.

    The approval of the "Clinical review" workflow sets these (content/review.py).
    """

    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="Set when a clinical reviewer approves the page in the Clinical review workflow.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Leave as it is to use the standard interval from the day of approval, or "
        "choose a date for the next check.",
    )
    reviewed_by = models.ForeignKey(
        Clinician,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinician who checked this page's facts.",
    )

    class Meta:
        abstract = True

    @classmethod
    def review_panel(cls):
        return MultiFieldPanel(
            [
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due"),
                FieldPanel("reviewed_by"),
            ],
            heading="Clinical review",
        )

    def had_reviewer(self):
        """True if the saved page names its reviewer: a reviewed page must keep one."""
        if self.pk is None:
            return False
        saved = type(self)._base_manager.filter(pk=self.pk)
        return saved.filter(reviewed_by__isnull=False).exists()

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due < self.last_reviewed
        ):
            errors["next_review_due"] = (
                f"The next review must be on or after the last review "
                f"({self.last_reviewed:%B} {self.last_reviewed.day}, {self.last_reviewed.year})."
            )
        if self.reviewed_by_id is None and self.had_reviewer():
            errors["reviewed_by"] = "Choose the clinician who reviewed this page."
        if errors:
            raise ValidationError(errors)


class ReviewedPageManager(PageManager):
    """Fetches the reviewer with the page: the review line costs no extra query."""

    def get_queryset(self):
        return super().get_queryset().select_related("reviewed_by")


class BasePage(PlainLanguageCheckMixin, Page):
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


class HomePage(GlossaryMarkingMixin, BasePage):
    body = StreamField(SectionBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.ProcedurePage", "content.StandardPage", "content.GlossaryPage"]
    max_count = 1
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["procedures"] = ProcedurePage.objects.child_of(self).live().public()
        return context


class ProcedurePage(ClinicalReviewMixin, GlossaryMarkingMixin, BasePage):  # noqa: DJ008 (Page has __str__)
    """A procedure explained in typed sections, in a fixed, patient-tested order."""

    objects = ReviewedPageManager()

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
        ClinicalReviewMixin.review_panel(),
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


class StandardPage(ClinicalReviewMixin, GlossaryMarkingMixin, BasePage):  # noqa: DJ008 (Page has __str__)
    body = StreamField(SectionBlock(), blank=True)

    objects = ReviewedPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        ClinicalReviewMixin.review_panel(),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]
    template = "pages/standard_page.html"


@register_snippet
class GlossaryTerm(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A medical word explained in plain words, linked from its first use on each page.

    Definitions reach patients, so they go through the Clinical review workflow like pages:
    an editor's new or changed term is a draft until a clinical reviewer approves it.
    Pages and the glossary use live terms only.
    """

    term = models.CharField(max_length=80, unique=True, help_text="For example: metastasis")
    definition = models.TextField(
        help_text="One or two short sentences in plain words, as you would say them to a patient.",
    )
    other_forms = models.TextField(
        blank=True,
        help_text="Other forms of the word that the pages use, one per line or separated by "
        "commas. For example: metastases, metastatic, metastasized",
    )

    panels = [FieldPanel("term"), FieldPanel("definition"), FieldPanel("other_forms")]
    search_fields = [index.SearchField("term"), index.SearchField("other_forms")]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def anchor(self):
        return slugify(self.term)

    @property
    def forms(self):
        """Every way of writing the term that the pages may use, the term itself first."""
        others = [form.strip() for form in re.split(r"[,\n]", self.other_forms)]
        return [self.term.strip(), *(form for form in others if form)]

    def clean(self):
        self.term = self.term.strip()
        self.definition = self.definition.strip()
        if not self.definition:
            raise ValidationError({"definition": "Explain the term in plain words."})


class GlossaryPage(PlainLanguageCheckMixin, Page):
    """Every glossary term from A to Z, each with an anchor that patient pages link to."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list, in plain words."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/glossary_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letters"] = terms_by_letter(GlossaryTerm.objects.filter(live=True))
        return context


def terms_by_letter(terms):
    """[(letter, [term, ...]), ...] in A to Z order, for the glossary page."""
    letters = {}
    for term in sorted(terms, key=lambda term: term.term.lower()):
        letters.setdefault(term.term[0].upper(), []).append(term)
    return sorted(letters.items())


class ReviewReminder(models.Model):
    """One row per day a review reminder went out: the guard against sending twice."""

    sent_on = models.DateField(unique=True)
    recipients = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Review reminder sent on {self.sent_on}"
