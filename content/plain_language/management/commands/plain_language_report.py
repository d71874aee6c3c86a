"""Print the plain-language check for every live patient page: the same figures editors
see in the page editor's "Plain-language check" preview, each page in its own language."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from content.plain_language.checks import (
    TARGET_GRADE,
    TARGET_INFLESZ,
    PlainLanguageCheckMixin,
    check,
    current_glossary,
    page_language,
)


class Command(BaseCommand):
    help = (
        f"Report the reading level of every live patient page in its language: English, the "
        f"Flesch-Kincaid grade (target {TARGET_GRADE} or below) and SMOG index; Spanish, "
        f"INFLESZ (target {TARGET_INFLESZ} or above) and Fernández-Huerta. Also sentences "
        "over 20 words and unexplained medical words."
    )

    def handle(self, *args, **options):
        glossaries = {}
        failing = 0
        for page in Page.objects.live().specific().select_related("locale").order_by("path"):
            if not isinstance(page, PlainLanguageCheckMixin):
                continue
            language = page_language(page)
            if language not in glossaries:
                glossaries[language] = current_glossary(language)
            response = page.make_preview_request()
            report = check(
                response.content.decode(response.charset), glossaries[language], language
            )
            failing += not report.passes
            self.stdout.write(
                f"{page.url_path}  {language}  {report.summary}  "
                f"words {report.words}  long sentences {len(report.long_sentences)}  "
                f"unexplained terms {', '.join(report.unexplained_terms) or 'none'}  "
                f"{'PASS' if report.passes else 'CHECK'}"
            )
            for sentence in report.long_sentences:
                self.stdout.write(f"    long: {sentence}")
        if failing:
            self.stdout.write(self.style.WARNING(f"{failing} page(s) need attention."))
