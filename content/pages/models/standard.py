from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content.glossary.marking import GlossaryMarkingMixin
from content.pages.blocks import SectionBlock
from content.review.models import ClinicalReviewMixin, ReviewedPageManager

from .base import BasePage


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
    # Shown on this page alone: publishing a change to it makes no other page again
    # (content/serving/signals.py).
    shown_only_on_its_page = ("body",)
