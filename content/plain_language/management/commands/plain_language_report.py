"""Print the plain-language check for every live patient page: the same figures editors
see in the page editor's "Plain-language check" preview."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from content.plain_language.checks import (
    TARGET_GRADE,
    PlainLanguageCheckMixin,
    check,
    current_glossary,
)


class Command(BaseCommand):
    help = (
        f"Report the Flesch-Kincaid grade (target {TARGET_GRADE} or below), SMOG index, "
        "sentences over 20 words and unexplained medical words of every live patient page."
    )

    def handle(self, *args, **options):
        glossary = current_glossary()
        failing = 0
        for page in Page.objects.live().specific().order_by("path"):
            if not isinstance(page, PlainLanguageCheckMixin):
                continue
            response = page.make_preview_request()
            report = check(response.content.decode(response.charset), glossary)
            failing += not report.passes
            self.stdout.write(
                f"{page.url_path}  grade {report.grade}  SMOG {report.smog}  "
                f"words {report.words}  long sentences {len(report.long_sentences)}  "
                f"unexplained terms {', '.join(report.unexplained_terms) or 'none'}  "
                f"{'PASS' if report.passes else 'CHECK'}"
            )
            for sentence in report.long_sentences:
                self.stdout.write(f"    long: {sentence}")
        if failing:
            self.stdout.write(self.style.WARNING(f"{failing} page(s) need attention."))
