import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from content.pictures.models import ShareImageMixin
from content.plain_language.checks import PlainLanguageCheckMixin
from content.translations.models import TranslationReviewMixin


@register_snippet
class GlossaryTerm(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A medical word explained in plain words, linked from its first use on each page.

    Definitions reach patients, so they go through the Clinical review workflow like pages:
    an editor's new or changed term is a draft until a clinical reviewer approves it.
    Pages and the glossary use live terms only, in their own language: each term belongs to
    a locale, and its Spanish translation has its own spelling and word forms.
    """

    term = models.CharField(max_length=80, help_text="For example: metastasis")
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

    class Meta(TranslatableMixin.Meta):
        # The table it has had since it lived in the "content" app (migrations there).
        db_table = "content_glossaryterm"
        ordering = ["term"]
        # One entry per spelling in each language: "tumor" is English and Spanish.
        constraints = [
            models.UniqueConstraint(fields=["term", "locale"], name="glossary_term_per_language")
        ]

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


class GlossaryPage(TranslationReviewMixin, ShareImageMixin, PlainLanguageCheckMixin, Page):
    """Every glossary term from A to Z, each with an anchor that patient pages link to."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two above the list, in plain words."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + [ShareImageMixin.share_image_panel]
    settings_panels = Page.settings_panels + [TranslationReviewMixin.translation_panel()]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count_per_parent = 1  # one in each language's home
    template = "pages/glossary_page.html"
    # Shown on this page alone: publishing a change to it makes no other page again
    # (content/serving/signals.py).
    shown_only_on_its_page = ("intro",)

    class Meta:
        db_table = "content_glossarypage"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = GlossaryTerm.objects.filter(live=True, locale_id=self.locale_id)
        context["letters"] = terms_by_letter(terms)
        return context


def terms_by_letter(terms):
    """[(letter, [term, ...]), ...] in A to Z order, for the glossary page."""
    letters = {}
    for term in sorted(terms, key=lambda term: term.term.lower()):
        letters.setdefault(term.term[0].upper(), []).append(term)
    return sorted(letters.items())
