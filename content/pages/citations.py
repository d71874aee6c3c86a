"""In-text citations such as "(Bagla 2016)" link to their entry in the page's reference
list, and each entry links back to where it is first cited.

Editors write citations as plain text, the author's surname and the year in brackets; the
rendered sections are linked here, once per page version (they are cached with it).
"""

import re
from collections import Counter

CITATION = re.compile(r"\(([A-Z][\w'-]+)(?: et al\.?)? ((?:19|20)\d\d)\)")
ENTRY_END = '<li id="reference-{number}">'


def citation_key(reference):
    """("bagla", 2016) for "Bagla S, Sayed D, et al." of 2016."""
    surname = re.split(r"[\s,.]", reference.authors.strip(), maxsplit=1)[0]
    return surname.lower(), reference.year


def link_citations(html, references):
    """The sections' HTML with each citation of a listed reference linked to its entry
    (#reference-N, N its place in the list) and each cited entry linked back."""
    numbers = {citation_key(reference): n for n, reference in enumerate(references, start=1)}
    cited = Counter()

    def link(match):
        number = numbers.get((match.group(1).lower(), int(match.group(2))))
        if number is None:
            return match.group()
        cited[number] += 1
        label = match.group()[1:-1]
        anchor = f"cite-{number}-{cited[number]}"
        return f'(<a class="citation" id="{anchor}" href="#reference-{number}">{label}</a>)'

    html = CITATION.sub(link, html)
    for number in sorted(cited):
        html = back_link(html, number)
    return html


def back_link(html, number):
    start = html.find(ENTRY_END.format(number=number))
    end = html.find("</li>", start)
    if start < 0 or end < 0:
        return html
    back = (
        f' <a class="citation-back" href="#cite-{number}-1">'
        f'<span aria-hidden="true">↩</span><span class="visually-hidden">Back to where '
        f"this is first cited</span></a>"
    )
    return html[:end] + back + html[end:]
