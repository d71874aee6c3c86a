from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

PMID_VALIDATOR = RegexValidator(r"^\d{1,10}$", "Enter the PMID's digits only, such as 34742319.")
DOI_VALIDATOR = RegexValidator(
    r"^10\.\d{4,9}/\S+$",
    "Enter a DOI such as 10.1007/s00270-016-1400-8, without https://doi.org/ in front.",
)


@register_snippet
class Reference(TranslatableMixin, index.Indexed, models.Model):
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
    pmid = models.CharField(
        "PubMed ID (PMID)",
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(r"^\d{1,10}$", "Enter the PMID's digits only, such as 34742319.")
        ],
    )
    url = models.URLField("Web address", blank=True)

    panels = [
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldPanel("publication"),
        FieldPanel("year"),
        FieldPanel("details"),
        FieldPanel("doi"),
        FieldPanel("pmid"),
        FieldPanel("url"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("authors")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["authors", "year"]

    def __str__(self):
        return f"{self.authors} ({self.year or 'n.d.'}). {self.title}"

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""

    @property
    def link(self):
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    def clean(self):
        self.doi = self.doi.strip().removeprefix("https://doi.org/")
