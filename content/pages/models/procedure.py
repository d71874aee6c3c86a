from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content.glossary.marking import GlossaryMarkingMixin
from content.organisation.models import ContactSettings, VisitingSettings
from content.pages.blocks import QuestionsBlock, SectionBlock
from content.pages.structured_data import (
    PROCEDURE_TYPES,
    join_text,
    medical_web_page,
    stream_text,
)
from content.review.models import ClinicalReviewMixin, Clinician, ReviewedPageManager

from .base import (
    PARTS,
    REFERENCES,
    SUMMARY,
    BasePage,
    Section,
    SectionedPage,
    heading_field,
    section_headings,
)
from .references import Reference
from .referrer import ReferrerPage

# The sections' own stream fields, in the page's order.
SECTION_BODIES = (
    "benefits",
    "how_it_works",
    "other_treatments",
    "before",
    "on_the_day",
    "after",
    "getting_ready",
    "at_home",
    "recovery_and_results",
    "risks",
    "questions_to_ask",
    "questions",
    "costs",
)

CARE_TEAM = "includes/section_care_team.html"
COSTS = "includes/section_costs.html"
FIND_US = "includes/section_find_us.html"


def find_us_details():
    """The words of "Where to find us", all from the settings (the template lays them out):
    empty while staff have given neither an address nor directions."""
    address = ContactSettings.current().address_lines
    directions = [text for _label, text in VisitingSettings.current().directions]
    return [text for text in (", ".join(address), *directions) if text]


class ProcedurePage(ClinicalReviewMixin, GlossaryMarkingMixin, SectionedPage):  # noqa: DJ008 (Page has __str__)
    """A procedure explained in typed sections, in a fixed, patient-tested order."""

    summary_heading = heading_field("In short")
    benefits_heading = heading_field("How it can help")
    benefits = StreamField(SectionBlock(), blank=True)
    how_it_works_heading = heading_field("How it works")
    how_it_works = StreamField(SectionBlock(), blank=True)
    other_treatments_heading = heading_field("Other treatments")
    other_treatments = StreamField(
        SectionBlock(), blank=True, help_text="The alternatives, and how this one fits with them."
    )
    procedure_heading = heading_field("The procedure")
    before_heading = heading_field("Before the procedure")
    before = StreamField(SectionBlock(), blank=True)
    on_the_day_heading = heading_field("On the day")
    on_the_day = StreamField(SectionBlock(), blank=True)
    after_heading = heading_field("After the procedure")
    after = StreamField(SectionBlock(), blank=True)
    getting_ready_heading = heading_field("Getting ready")
    getting_ready = StreamField(
        SectionBlock(),
        blank=True,
        help_text="What to bring and what to arrange: use checklists, which print with tick boxes.",
    )
    at_home_heading = heading_field("At home afterwards")
    at_home = StreamField(
        SectionBlock(),
        blank=True,
        help_text="After the sedation, the wound, activity, pain, and when to call.",
    )
    recovery_heading = heading_field("Recovery and results")
    recovery_and_results = StreamField(SectionBlock(), blank=True)
    risks_heading = heading_field("Risks")
    risks = StreamField(SectionBlock(), blank=True)
    care_team_heading = heading_field("Your care team")
    questions_to_ask_heading = heading_field("Questions to ask your care team")
    questions_to_ask = StreamField(
        SectionBlock(), blank=True, help_text="A checklist patients can print and take with them."
    )
    questions_heading = heading_field("Questions people ask")
    questions = StreamField(QuestionsBlock(), blank=True)
    costs_heading = heading_field("Costs and insurance")
    costs = StreamField(
        SectionBlock(),
        blank=True,
        help_text="Plain guidance, never a price. The link to the price estimator comes from "
        "Settings > Visiting and costs.",
    )
    find_us_heading = heading_field("Where to find us")
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
            [FieldPanel("other_treatments_heading"), FieldPanel("other_treatments")],
            "Other treatments",
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
            [FieldPanel("getting_ready_heading"), FieldPanel("getting_ready")], "Getting ready"
        ),
        MultiFieldPanel(
            [FieldPanel("at_home_heading"), FieldPanel("at_home")], "At home afterwards"
        ),
        MultiFieldPanel(
            [FieldPanel("recovery_heading"), FieldPanel("recovery_and_results")],
            "Recovery and results",
        ),
        MultiFieldPanel([FieldPanel("risks_heading"), FieldPanel("risks")], "Risks"),
        MultiFieldPanel(
            [FieldPanel("care_team_heading"), InlinePanel("care_team", label="Clinician")],
            "Your care team",
        ),
        MultiFieldPanel(
            [FieldPanel("questions_to_ask_heading"), FieldPanel("questions_to_ask")],
            "Questions to ask",
        ),
        MultiFieldPanel(
            [FieldPanel("questions_heading"), FieldPanel("questions")], "Questions (FAQ)"
        ),
        MultiFieldPanel([FieldPanel("costs_heading"), FieldPanel("costs")], "Costs and insurance"),
        MultiFieldPanel(
            [FieldPanel("find_us_heading")],
            "Where to find us",
            help_text="The address, parking, transport and step-free entrance come from "
            "Settings: Contact details, and Visiting and costs. The section is left out "
            "while they are empty.",
        ),
        MultiFieldPanel(
            [FieldPanel("references_heading"), InlinePanel("page_references", label="Reference")],
            "References",
        ),
        ClinicalReviewMixin.review_panel(),
    ]
    search_fields = (
        BasePage.search_fields
        + [index.SearchField(name) for name in SECTION_BODIES]
        + [
            # Headings too, with less weight: "recovery" finds "Recovery and results".
            index.SearchField(f"{name}_heading", boost=0.5)
            for name in (
                "benefits",
                "how_it_works",
                "other_treatments",
                "before",
                "on_the_day",
                "after",
                "getting_ready",
                "at_home",
                "recovery",
                "risks",
                "care_team",
                "questions_to_ask",
                "questions",
                "costs",
                "find_us",
            )
        ]
    )

    promote_panels = BasePage.promote_panels + [
        MultiFieldPanel(
            [FieldPanel("procedure_type"), FieldPanel("body_location")],
            "Structured data for search engines",
        )
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    template = "pages/procedure_page.html"

    @property
    def shown_only_on_its_page(self):
        """Shown on this page alone: publishing a change to these makes no other page again
        (content/serving/signals.py). The summary is not one: the home page lists it."""
        return (*section_headings(self), *SECTION_BODIES, "care_team", "page_references")

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
                preparation=join_text(self.before, self.getting_ready),
                followup=join_text(self.after, self.at_home),
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
        care_team = self.care_team_clinicians()
        candidates = [
            Section("summary", self.summary_heading, self.summary, template=SUMMARY),
            Section("benefits", self.benefits_heading, self.benefits),
            Section("how-it-works", self.how_it_works_heading, self.how_it_works),
            Section("other-treatments", self.other_treatments_heading, self.other_treatments),
            Section("the-procedure", self.procedure_heading, parts=procedure_parts, template=PARTS),
            Section("getting-ready", self.getting_ready_heading, self.getting_ready),
            Section("at-home", self.at_home_heading, self.at_home),
            Section("recovery-and-results", self.recovery_heading, self.recovery_and_results),
            Section("risks", self.risks_heading, self.risks),
            Section("care-team", self.care_team_heading, care_team, template=CARE_TEAM),
            Section("questions-to-ask", self.questions_to_ask_heading, self.questions_to_ask),
            Section("questions", self.questions_heading, self.questions),
            Section("costs", self.costs_heading, self.costs, template=COSTS),
            Section("find-us", self.find_us_heading, find_us_details(), template=FIND_US),
            Section("references", self.references_heading, references, template=REFERENCES),
        ]
        return [section for section in candidates if section.body or section.parts]

    def referrer_page(self):
        """The page that tells doctors how to refer a patient for this procedure, if any."""
        return ReferrerPage.objects.live().public().filter(procedure=self).first()

    def care_team_clinicians(self):
        """The clinicians patients may meet, in the editor's order, photos in the same query.

        None are made up: with none chosen, the list is empty and the section left out.
        """
        return [item.clinician for item in self.care_team.select_related("clinician__photo")]


class ProcedurePageReference(Orderable):
    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="page_references")
    reference = models.ForeignKey(Reference, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("reference")]


class ProcedurePageClinician(Orderable):
    """A clinician patients may meet, listed under "Your care team" on the procedure page."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="care_team")
    clinician = models.ForeignKey(Clinician, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("clinician")]
