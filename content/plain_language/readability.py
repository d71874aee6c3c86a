"""Reading-level measures of the text a patient reads on a page, in the page's language.

Measured on the rendered HTML, so that what is scored is exactly what is shown. Each
heading, paragraph, list item and summary counts as its own sentence; navigation and the
reference list (authors and journal titles) are not patient prose and are left out.

English is measured in US school grades (Flesch-Kincaid, SMOG: lower is easier). Spanish
is measured with the formulas written for Spanish, whose syllables and sentence lengths
differ from English: the Szigriszt-Pazos perspicuity on the INFLESZ scale, and
Fernández-Huerta (both 0 to 100: higher is easier).
"""

import textstat
from bs4 import BeautifulSoup
from textstat.textstat import textstatistics

PROSE_TAGS = ["h1", "h2", "h3", "h4", "p", "li", "summary", "dt", "dd", "td", "th", "figcaption"]
SKIPPED = "nav, script, style, [data-readability='skip']"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "es")

# Spanish syllables, through textstat's own Spanish hyphenation. A separate instance: the
# module-level `textstat` stays English for every other caller.
_spanish = textstatistics()
_spanish.set_lang("es")

# The INFLESZ scale (Barrio-Cantalejo et al., 2008) for Szigriszt-Pazos scores.
INFLESZ_BANDS = (
    (80, "muy fácil (very easy)"),
    (65, "bastante fácil (quite easy)"),
    (55, "normal"),
    (40, "algo difícil (somewhat difficult)"),
    (0, "muy difícil (very difficult)"),
)


def readable_text(html):
    """The patient-facing prose of a page's <main>, one sentence per block."""
    main = BeautifulSoup(html, "html.parser").find("main")
    if main is None:
        return ""
    for element in main.select(SKIPPED):
        element.decompose()
    sentences = []
    for element in main.find_all(PROSE_TAGS):
        if element.find(PROSE_TAGS):
            continue  # the innermost block holds the words; count them once
        text = " ".join(element.get_text(" ").split())
        if text:
            sentences.append(text if text[-1] in ".?!:" else text + ".")
    return "\n".join(sentences)


def language_of(code):
    """The measured language for a language code or tag ("es-MX" is Spanish), or English."""
    primary = (code or "").split("-")[0].split("_")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def document_language(html):
    """The language a rendered page declares in <html lang>, as language_of() gives it."""
    start = html.find("<html")
    if start < 0:
        return DEFAULT_LANGUAGE
    tag = BeautifulSoup(html[start : html.find(">", start) + 1], "html.parser").find("html")
    return language_of(tag.get("lang") if tag else "")


def grade(text):
    return textstat.flesch_kincaid_grade(text)


def smog(text):
    return textstat.smog_index(text)


def inflesz(text):
    """Szigriszt-Pazos perspicuity: 206.835 - 62.3 syllables/word - words/sentence."""
    return _spanish.szigriszt_pazos(text)


def fernandez_huerta(text):
    return _spanish.fernandez_huerta(text)


def inflesz_band(score):
    return next((label for floor, label in INFLESZ_BANDS if score >= floor), INFLESZ_BANDS[-1][1])
