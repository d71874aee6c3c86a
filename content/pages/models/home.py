from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from content.glossary.marking import GlossaryMarkingMixin
from content.pages.blocks import SectionBlock

from .base import BasePage
from .procedure import ProcedurePage


class HomePage(GlossaryMarkingMixin, BasePage):
    body = StreamField(SectionBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.ProcedurePage",
        "content.StandardPage",
        "content.ReferrerPage",
        "enquiries.EnquiryFormPage",
        "glossary.GlossaryPage",
        "content.LanguageHelpPage",
    ]
    max_count_per_parent = 1  # one home in each language, each a child of the root
    template = "pages/home_page.html"
    # Shown on this page alone: publishing a change to it makes no other page again
    # (content/serving/signals.py).
    shown_only_on_its_page = ("body",)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["procedures"] = ProcedurePage.objects.child_of(self).live().public()
        return context
