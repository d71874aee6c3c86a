"""The plain-language check that editors see in the page editor, on their unsaved draft.

It is a Wagtail preview mode ("Plain-language check"): the editor's preview panel already
posts the form as it stands, unsaved, and Wagtail renders that draft. This mode renders the
draft as a patient would see it, then reports on the same text the readability tests
measure (readability.py): the Flesch-Kincaid grade and SMOG index against the
target of grade 8 or below, every sentence over 20 words, and medical words that have no
glossary entry.

Which words the glossary explains is the glossary app's to say, and that app sits above this
one (its page uses this check), so it is named in settings, not imported:
PLAIN_LANGUAGE_GLOSSARY is the dotted path of a function that returns the live glossary.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string

from .readability import grade, readable_text, smog

TARGET_GRADE = 8
MAX_SENTENCE_WORDS = 20
MODE = "plain-language"

# Medical words and word parts that patients may not know. A word matching one of these
# needs a glossary entry (or a plainer word). Kept short and specific to this service:
# staff add glossary terms in the admin; this list only decides what to flag.
MEDICAL_WORDS = (
    r"ablat\w*",
    r"an(?:a)?esthe\w*",
    r"analges\w*",
    r"biops\w*",
    r"blood thinners?",
    r"bone cement",
    r"carcinoma\w*",
    r"chemo\w*",
    r"compression fractures?",
    r"conscious sedation",
    r"CT(?: scans?)?",
    r"cumulative",
    r"decompress\w*",
    r"fractures?",
    r"imaging",
    r"lesions?",
    r"lytic",
    r"metasta\w*",
    r"MRI(?: scans?)?",
    r"neurolog\w*",
    r"oncolog\w*",
    r"outpatients?",
    r"palliat\w*",
    r"percutaneous",
    r"probes?",
    r"radiation(?:[ -](?:therapy|dose limit|limit|resistant))?",
    r"radiofrequency",
    r"radiotherapy",
    r"referrals?",
    r"sedat\w*",
    r"spinal cord",
    r"tumou?rs?",
    r"vertebr\w*",
    r"X-rays?",
    # Word endings that mark medical vocabulary: -ectomy, -itis, -ology, -osis, -plasty ...
    r"\w{3,}(?:ectomy|otomy|itis|ologist|ology|osis|plasty|scopy|algia|pathy)",
)
MEDICAL_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(MEDICAL_WORDS) + r")(?![\w-])", re.IGNORECASE
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


@dataclass
class PlainLanguageReport:
    grade: float
    smog: float
    words: int
    long_sentences: list
    unexplained_terms: list

    target_grade = TARGET_GRADE
    max_sentence_words = MAX_SENTENCE_WORDS

    @property
    def meets_target(self):
        return self.grade <= TARGET_GRADE

    @property
    def passes(self):
        return self.meets_target and not self.long_sentences and not self.unexplained_terms


def sentences(text):
    """Each block of readable_text() split into its sentences."""
    for block in text.splitlines():
        yield from (sentence for sentence in SENTENCE_END.split(block) if sentence.strip())


def word_count(sentence):
    return len([word for word in sentence.split() if re.search(r"\w", word)])


def unexplained_terms(text, glossary):
    """Medical words in the text that no glossary term (or other form of one) explains."""
    found = {}
    for match in MEDICAL_PATTERN.finditer(text):
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


def check(html, glossary):
    """The plain-language report on a rendered page."""
    text = readable_text(html)
    return PlainLanguageReport(
        grade=round(grade(text), 1) if text else 0.0,
        smog=round(smog(text), 1) if text else 0.0,
        words=word_count(text),
        long_sentences=[s for s in sentences(text) if word_count(s) > MAX_SENTENCE_WORDS],
        unexplained_terms=unexplained_terms(text, glossary),
    )


def current_glossary():
    """The live glossary, from the function PLAIN_LANGUAGE_GLOSSARY names."""
    return import_string(settings.PLAIN_LANGUAGE_GLOSSARY)()


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
        report = check(page_response.content.decode(page_response.charset), current_glossary())
        return TemplateResponse(
            request,
            "plain_language/check.html",
            {"page": self, "report": report},
        )
