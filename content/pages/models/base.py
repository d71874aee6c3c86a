from dataclasses import dataclass

from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from content.pages.linked_pages import prefetched_pages
from content.pictures.models import ShareImageMixin
from content.plain_language.checks import PlainLanguageCheckMixin
from content.translations.models import TranslationReviewMixin


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


def section_headings(page):
    """The names of a page's section headings (its `heading_field`s)."""
    return tuple(field.name for field in page._meta.fields if field.name.endswith("_heading"))


class MenuTitleMixin(ShareImageMixin):
    """What the promote tab sets: a short name for the main menu and the breadcrumbs, where
    a long title would not fit, and the picture shown when the page is shared."""

    menu_title = models.CharField(
        max_length=40,
        blank=True,
        help_text="A short name for the menu and the breadcrumbs, such as 'Ask us'. Leave it "
        "empty to use the page title.",
    )

    promote_panels = [
        Page.promote_panels[0],
        MultiFieldPanel([FieldPanel("show_in_menus"), FieldPanel("menu_title")], "For site menus"),
        ShareImageMixin.share_image_panel,
    ]

    class Meta:
        abstract = True


class BasePage(TranslationReviewMixin, MenuTitleMixin, PlainLanguageCheckMixin, Page):
    """What every patient-facing page shares: a plain summary and its meta description, and,
    on a translation, its translation's record (content/translations/models.py)."""

    summary = models.TextField(
        max_length=600,
        help_text="Two or three short sentences in plain words. Also used by search engines "
        "when the promote tab's description is empty.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    settings_panels = Page.settings_panels + [TranslationReviewMixin.translation_panel()]

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
