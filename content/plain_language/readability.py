"""Reading-level measures of the text a patient reads on a page.

Measured on the rendered HTML, so that what is scored is exactly what is shown. Each
heading, paragraph, list item and summary counts as its own sentence; navigation and the
reference list (authors and journal titles) are not patient prose and are left out.
"""

import textstat
from bs4 import BeautifulSoup

PROSE_TAGS = ["h1", "h2", "h3", "h4", "p", "li", "summary", "dt", "dd", "td", "th", "figcaption"]
SKIPPED = "nav, script, style, [data-readability='skip']"


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


def grade(text):
    return textstat.flesch_kincaid_grade(text)


def smog(text):
    return textstat.smog_index(text)
