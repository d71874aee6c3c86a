import logging
import re
from dataclasses import dataclass
from smtplib import SMTPException

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
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
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import CallToActionBlock, QuestionsBlock, SectionBlock
from .enquiry import (
    EXPIRED,
    TOO_FAST,
    EnquiryFormBuilder,
    over_rate_limit,
    rate_limited_response,
)
from .glossary import GlossaryMarkingMixin
from .linked_pages import prefetched_pages
from .plain_language import PlainLanguageCheckMixin

logger = logging.getLogger(__name__)

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


# Structured data (schema.org) ----------------------------------------------------------

PROCEDURE_TYPES = [
    ("PercutaneousProcedure", "Through the skin (percutaneous)"),
    ("NoninvasiveProcedure", "Noninvasive"),
    ("SurgicalProcedure", "Surgical"),
]


def stream_text(stream_value):
    """A stream field's prose as plain text, read from its data: no rendering, no queries.

    Links to elsewhere (calls to action) and labels such as a callout's urgency are not
    part of what the section says, so they are left out.
    """
    if not stream_value:
        return ""
    pieces = [piece for child in stream_value for piece in block_text(child.block, child.value)]
    return " ".join(" ".join(pieces).split())


def block_text(block, value):
    if isinstance(block, (CallToActionBlock, blocks.ChoiceBlock)):
        return []
    if isinstance(block, blocks.StructBlock):
        return [
            piece
            for name, child in block.child_blocks.items()
            for piece in block_text(child, value.get(name))
        ]
    return block.get_searchable_content(value)


def reviewed_by_schema(page):
    """schema.org review data, only once a clinician has signed the page off.

    A reviewer chosen for a review that has not happened yet is no claim to make.
    """
    if not page.last_reviewed:
        return {}
    data = {"lastReviewed": page.last_reviewed.isoformat()}
    if page.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": str(page.reviewed_by)}
    return data


def medical_web_page(page, canonical_url, audience, about):
    """A MedicalWebPage about a MedicalProcedure, as JSON-serialisable data."""
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": canonical_url,
        "description": page.meta_description,
        "audience": f"https://schema.org/{audience}",
        **reviewed_by_schema(page),
        "about": about,
    }


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


class ReviewedPageQuerySet(PageQuerySet):
    def only(self, *fields):
        # Treebeard deletes a subtree through .only("path", ...): a join on a column left
        # out is refused, so the reviewer is not joined there.
        unjoined = self.select_related(None)
        return super(ReviewedPageQuerySet, unjoined).only(*fields)


class ReviewedPageManager(PageManager.from_queryset(ReviewedPageQuerySet)):
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
        with prefetched_pages(self):
            response = super().serve(request, *args, **kwargs)
            response.render()  # inside the prefetch, where the links are resolved
        return response


class SectionedPage(BasePage):
    """A page in typed sections: `sections()` gives those with content, in their fixed order,
    for the template and its "On this page" list. References hang off `page_references`."""

    class Meta:
        abstract = True

    def sections(self):
        raise NotImplementedError

    def references(self):
        return [item.reference for item in self.page_references.select_related("reference")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Worked out only when the template's section cache misses.
        context["sections"] = SimpleLazyObject(self.sections)
        return context


class HomePage(GlossaryMarkingMixin, BasePage):
    body = StreamField(SectionBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.ProcedurePage",
        "content.StandardPage",
        "content.ReferrerPage",
        "content.EnquiryFormPage",
        "content.GlossaryPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["procedures"] = ProcedurePage.objects.child_of(self).live().public()
        return context


class ProcedurePage(ClinicalReviewMixin, GlossaryMarkingMixin, SectionedPage):  # noqa: DJ008 (Page has __str__)
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
    # For schema.org's MedicalProcedure: what search engines and referrers' tools read.
    procedure_type = models.CharField(
        max_length=40, choices=PROCEDURE_TYPES, default="PercutaneousProcedure", blank=True
    )
    body_location = models.CharField(
        max_length=100,
        default="Spine",
        blank=True,
        help_text="The part of the body treated, such as Spine.",
    )

    objects = ReviewedPageManager()

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

    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("procedure_type"), FieldPanel("body_location")],
            "Structured data for search engines",
        )
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    template = "pages/procedure_page.html"

    def medical_procedure(self, detailed=True):
        """schema.org MedicalProcedure built from the same fields the page shows."""
        data = {
            "@type": "MedicalProcedure",
            "name": self.title,
            "procedureType": self.procedure_type and f"https://schema.org/{self.procedure_type}",
            "bodyLocation": self.body_location,
        }
        if detailed:
            data.update(
                description=self.summary,
                howPerformed=stream_text(self.how_it_works),
                preparation=stream_text(self.before),
                followup=stream_text(self.after),
            )
        return {key: value for key, value in data.items() if value}

    def structured_data(self, canonical_url):
        return medical_web_page(self, canonical_url, "Patient", self.medical_procedure())

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


HOW_TO_REFER = "includes/section_how_to_refer.html"


class ReferrerPage(ClinicalReviewMixin, SectionedPage):  # noqa: DJ008 (Page has __str__)
    """For referring physicians: who to send, the evidence, and how to refer.

    It states evidence and complications, so clinicians sign it off like a patient page.
    """

    summary_heading = heading_field("In short")
    indications_heading = heading_field("Indications")
    indications = StreamField(SectionBlock(), blank=True)
    selection_heading = heading_field("Patient selection")
    suitable_heading = heading_field("Usually suitable")
    usually_suitable = StreamField(SectionBlock(), blank=True)
    review_heading = heading_field("Usually not suitable, or needs specialist review")
    needs_review = StreamField(SectionBlock(), blank=True)
    evidence_heading = heading_field("The evidence in numbers")
    evidence = StreamField(SectionBlock(), blank=True)
    complications_heading = heading_field("Complications")
    complications = StreamField(SectionBlock(), blank=True)
    refer_heading = heading_field("How to refer")
    how_to_refer = StreamField(
        SectionBlock(),
        blank=True,
        help_text="Shown after the phone, fax and email from the contact details.",
    )
    checklist_heading = heading_field("What to send with a referral")
    referral_checklist = StreamField(SectionBlock(), blank=True)
    team_heading = heading_field("Contact the physician team")
    team_contact = StreamField(SectionBlock(), blank=True)
    references_heading = heading_field("References")
    procedure = models.ForeignKey(
        "content.ProcedurePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The procedure this page is about, for search engines' structured data.",
    )

    objects = ReviewedPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("summary_heading"), FieldPanel("summary")], "Summary"),
        MultiFieldPanel(
            [FieldPanel("indications_heading"), FieldPanel("indications")], "Indications"
        ),
        MultiFieldPanel(
            [
                FieldPanel("selection_heading"),
                FieldPanel("suitable_heading"),
                FieldPanel("usually_suitable"),
                FieldPanel("review_heading"),
                FieldPanel("needs_review"),
            ],
            "Patient selection",
        ),
        MultiFieldPanel([FieldPanel("evidence_heading"), FieldPanel("evidence")], "Evidence"),
        MultiFieldPanel(
            [FieldPanel("complications_heading"), FieldPanel("complications")], "Complications"
        ),
        MultiFieldPanel(
            [
                FieldPanel("refer_heading"),
                FieldPanel("how_to_refer"),
                FieldPanel("checklist_heading"),
                FieldPanel("referral_checklist"),
            ],
            "How to refer",
        ),
        MultiFieldPanel([FieldPanel("team_heading"), FieldPanel("team_contact")], "Contact"),
        MultiFieldPanel(
            [
                FieldPanel("references_heading"),
                InlinePanel("page_references", label="Reference"),
            ],
            "References",
        ),
        ClinicalReviewMixin.review_panel(),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("procedure")]
    search_fields = BasePage.search_fields + [
        index.SearchField(name)
        for name in (
            "indications",
            "usually_suitable",
            "needs_review",
            "evidence",
            "complications",
            "how_to_refer",
            "referral_checklist",
            "team_contact",
        )
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    template = "pages/referrer_page.html"

    class Meta:
        verbose_name = "referring physicians page"

    def sections(self):
        """The sections that have content, in their fixed order, each with its anchor."""
        selection_parts = tuple(
            Section(anchor, heading, body)
            for anchor, heading, body in (
                ("usually-suitable", self.suitable_heading, self.usually_suitable),
                ("needs-review", self.review_heading, self.needs_review),
            )
            if body
        )
        candidates = [
            Section("summary", self.summary_heading, self.summary, template=SUMMARY),
            Section("indications", self.indications_heading, self.indications),
            Section(
                "patient-selection", self.selection_heading, parts=selection_parts, template=PARTS
            ),
            Section("evidence", self.evidence_heading, self.evidence),
            Section("complications", self.complications_heading, self.complications),
            Section("how-to-refer", self.refer_heading, self.how_to_refer, template=HOW_TO_REFER),
            Section("what-to-send", self.checklist_heading, self.referral_checklist),
            Section("contact", self.team_heading, self.team_contact),
            Section("references", self.references_heading, self.references(), template=REFERENCES),
        ]
        # How to refer is always shown: its phone, fax and email come from the contact details.
        return [
            section
            for section in candidates
            if section.body or section.parts or section.template == HOW_TO_REFER
        ]

    def structured_data(self, canonical_url):
        procedure = self.procedure
        about = procedure.medical_procedure(detailed=False) if procedure else None
        data = medical_web_page(self, canonical_url, "Clinician", about)
        if about is None:
            del data["about"]
        return data


class ReferrerPageReference(Orderable):
    page = ParentalKey(ReferrerPage, on_delete=models.CASCADE, related_name="page_references")
    reference = models.ForeignKey(Reference, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("reference")]


# The enquiry form ------------------------------------------------------------------------

MEDICAL_RECORDS_NOTICE = (
    "Please do not send medical records, scan results or details about your health "
    "through this form. It is not a secure way to share them. We will tell you how to "
    "send them safely when we talk."
)


class EnquiryFormField(AbstractFormField):
    page = ParentalKey("EnquiryFormPage", on_delete=models.CASCADE, related_name="form_fields")


class EnquiryFormPage(AbstractEmailForm):
    """'Ask about the procedure or refer a patient': a form staff build in the admin."""

    intro = models.TextField(blank=True, help_text="A sentence or two above the form.")
    privacy_notice = models.TextField(
        default=MEDICAL_RECORDS_NOTICE,
        help_text="Shown above the form, so that nobody sends medical records through it.",
    )
    thank_you_heading = models.CharField(max_length=120, default="Thank you, we got your message")
    thank_you_text = models.TextField(
        blank=True, help_text="What happens next, and when. One paragraph per line."
    )

    form_builder = EnquiryFormBuilder

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_notice"),
        InlinePanel("form_fields", label="Form fields"),
        MultiFieldPanel(
            [FieldPanel("thank_you_heading"), FieldPanel("thank_you_text")], "Thank-you page"
        ),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            "Email",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/enquiry_form_page.html"
    landing_page_template = "pages/enquiry_form_page_landing.html"

    class Meta:
        verbose_name = "enquiry form page"

    @property
    def meta_description(self):
        return self.search_description or self.intro

    @property
    def thank_you_paragraphs(self):
        return [line.strip() for line in self.thank_you_text.splitlines() if line.strip()]

    def get_submissions_list_view_class(self):
        from .submissions import EnquirySubmissionsListView  # the view imports form models

        return EnquirySubmissionsListView

    def recipients(self):
        addresses = self.to_address or settings.ENQUIRY_EMAIL_TO
        return [address.strip() for address in addresses.split(",") if address.strip()]

    def process_form_submission(self, form):
        """Store the submission, then email it to the page's address or the configured one."""
        submission = FormMixin.process_form_submission(self, form)
        if self.recipients():
            try:
                send_mail(
                    self.subject or "Website enquiry",
                    self.render_email(form),
                    self.recipients(),
                    self.from_address or settings.DEFAULT_FROM_EMAIL,
                )
            except (OSError, SMTPException):
                # The enquiry is stored and listed in the admin: the sender should not
                # see an error, or send it again, because our mail server is down.
                logger.exception("Enquiry %s stored, but the email was not sent", submission.pk)
        return submission

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        if over_rate_limit(request):
            return rate_limited_response(request, self)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid():
            if form.is_spam:
                return self.render_landing_page(request)  # calm, and nothing is kept
            return self.render_landing_page(request, self.process_form_submission(form))
        if any(error in form.non_field_errors() for error in (TOO_FAST, EXPIRED)):
            form.renew_start_time()
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)
