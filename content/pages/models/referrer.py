from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content.pages.blocks import SectionBlock
from content.pages.structured_data import medical_web_page
from content.review.models import ClinicalReviewMixin, ReviewedPageManager

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

# The sections' own stream fields, in the page's order.
SECTION_BODIES = (
    "indications",
    "usually_suitable",
    "needs_review",
    "evidence",
    "complications",
    "how_to_refer",
    "referral_checklist",
    "team_contact",
)

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
    promote_panels = BasePage.promote_panels + [FieldPanel("procedure")]
    search_fields = BasePage.search_fields + [index.SearchField(name) for name in SECTION_BODIES]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    template = "pages/referrer_page.html"

    @property
    def shown_only_on_its_page(self):
        """Shown on this page alone: publishing a change to these makes no other page again
        (content/serving/signals.py)."""
        return (*section_headings(self), *SECTION_BODIES, "page_references")

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
