"""The plain-language check that editors see in the page editor, on their unsaved draft.

It is a Wagtail preview mode ("Plain-language check"): the editor's preview panel already
posts the form as it stands, unsaved, and Wagtail renders that draft. This mode renders the
draft as a patient would see it, then reports on the same text the readability tests
measure (readability.py), in the page's language: for English, the Flesch-Kincaid grade and
SMOG index against the target of grade 8 or below; for Spanish, the INFLESZ score
(Szigriszt-Pazos) against the target of 65 or above, and Fernández-Huerta. In both, every
sentence over 20 words, and medical words (medical_words.py) that have no glossary entry
in that language.

Which words the glossary explains is the glossary app's to say, and that app sits above this
one (its page uses this check), so it is named in settings, not imported:
PLAIN_LANGUAGE_GLOSSARY is the dotted path of a function that returns the live glossary.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.module_loading import import_string

from .medical_words import PATTERNS as MEDICAL_PATTERNS
from .readability import (
    DEFAULT_LANGUAGE,
    document_language,
    fernandez_huerta,
    grade,
    inflesz,
    inflesz_band,
    language_of,
    readable_text,
    smog,
)

TARGET_GRADE = 8
# INFLESZ 65 and over is "bastante fácil" (quite easy): the Spanish pages' target.
TARGET_INFLESZ = 65
MAX_SENTENCE_WORDS = 20
MODE = "plain-language"
# A sentence starts after . ! or ? and a space, with a capital, a digit, a quote, a bracket,
# or Spanish's opening ¿ and ¡.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÜÑ0-9¿¡\"'(«“])")


@dataclass
class PlainLanguageReport:
    """The check of one page, in its language. English is graded (Flesch-Kincaid, SMOG:
    target grade 8 or below); Spanish is scored (INFLESZ and Fernández-Huerta: target 65
    or above on INFLESZ). The scores of the other language are None."""

    grade: float | None
    smog: float | None
    words: int
    long_sentences: list
    unexplained_terms: list
    language: str = DEFAULT_LANGUAGE
    inflesz: float | None = None
    fernandez_huerta: float | None = None

    target_grade = TARGET_GRADE
    target_inflesz = TARGET_INFLESZ
    max_sentence_words = MAX_SENTENCE_WORDS

    @property
    def is_spanish(self):
        return self.language == "es"

    @property
    def inflesz_band(self):
        return inflesz_band(self.inflesz) if self.inflesz is not None else ""

    @property
    def meets_target(self):
        if self.is_spanish:
            return self.inflesz >= TARGET_INFLESZ
        return self.grade <= TARGET_GRADE

    @property
    def passes(self):
        return self.meets_target and not self.long_sentences and not self.unexplained_terms

    @property
    def summary(self):
        """The reading level in one line, as the report command prints it."""
        if self.is_spanish:
            return f"INFLESZ {self.inflesz}  Fernández-Huerta {self.fernandez_huerta}"
        return f"grade {self.grade}  SMOG {self.smog}"


def sentences(text):
    """Each block of readable_text() split into its sentences."""
    for block in text.splitlines():
        yield from (sentence for sentence in SENTENCE_END.split(block) if sentence.strip())


def word_count(sentence):
    return len([word for word in sentence.split() if re.search(r"\w", word)])


def unexplained_terms(text, glossary, language=DEFAULT_LANGUAGE):
    """Medical words in the text that no glossary term (or other form of one) explains."""
    found = {}
    for match in MEDICAL_PATTERNS[language].finditer(text):
        word = match.group()
        if glossary.entry_for(word) is None and not covered_by_longer_form(text, match, glossary):
            found.setdefault(word.lower(), word)
    return sorted(found.values(), key=str.lower)


def covered_by_longer_form(text, match, glossary):
    """True when the word is part of a longer glossary form: "fracture" in "compression
    fracture", "radiation" in "lifetime radiation limit"."""
    pattern = glossary.pattern()
    if pattern is None:
        return False
    return any(
        found.start() <= match.start() and match.end() <= found.end()
        for found in pattern.finditer(text)
    )


def check(html, glossary, language=None):
    """The plain-language report on a rendered page, in its language: the one given, or
    else the one its <html lang> declares."""
    language = language_of(language) if language else document_language(html)
    text = readable_text(html)
    scores = {"grade": None, "smog": None}
    if language == "es":
        scores.update(
            inflesz=round(inflesz(text), 1) if text else 0.0,
            fernandez_huerta=round(fernandez_huerta(text), 1) if text else 0.0,
        )
    else:
        scores.update(
            grade=round(grade(text), 1) if text else 0.0,
            smog=round(smog(text), 1) if text else 0.0,
        )
    return PlainLanguageReport(
        words=word_count(text),
        long_sentences=[s for s in sentences(text) if word_count(s) > MAX_SENTENCE_WORDS],
        unexplained_terms=unexplained_terms(text, glossary, language),
        language=language,
        **scores,
    )


def current_glossary(language=None):
    """The live glossary, from the function PLAIN_LANGUAGE_GLOSSARY names, in the language
    given (made the active language while it is looked up), or in the active language."""
    glossary = import_string(settings.PLAIN_LANGUAGE_GLOSSARY)
    if language is None:
        return glossary()
    with translation.override(language):
        return glossary()


def page_language(page):
    """The measured language of a page: its locale's."""
    locale = getattr(page, "locale", None)
    return language_of(locale.language_code if locale else "")


class PlainLanguageCheckMixin:
    """Adds the "Plain-language check" to the page editor's preview modes."""

    @property
    def preview_modes(self):
        return [*super().preview_modes, (MODE, "Plain-language check")]

    def serve_preview(self, request, mode_name):
        if mode_name != MODE:
            return super().serve_preview(request, mode_name)
        page_response = super().serve_preview(request, self.default_preview_mode)
        if hasattr(page_response, "render"):
            page_response.render()
        language = page_language(self)
        report = check(
            page_response.content.decode(page_response.charset),
            current_glossary(language),
            language,
        )
        return TemplateResponse(
            request,
            "plain_language/check.html",
            {"page": self, "report": report},
        )
