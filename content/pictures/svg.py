"""Uploaded SVG files must never run a script.

Browsers run no script in an SVG shown through <img>, which is how the site shows them,
but the file's own address opens it as a document, where scripts and event handlers do
run. So an SVG that holds any is refused on upload, with a message that says what to
remove, rather than cleaned in silence: the editor keeps control of their drawing.
"""

import re
import xml.etree.ElementTree as ElementTree

from django.core.exceptions import ValidationError

# Elements that run code or embed other documents.
ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def local_name(name):
    return name.rsplit("}", 1)[-1].lower()


def svg_problems(content):
    """What in this SVG could run code, as short descriptions; empty when it is safe."""
    if ENTITY.search(content):
        return ["entity declarations (<!ENTITY>)"]
    try:
        root = ElementTree.fromstring(content)  # noqa: S314 (entities refused above)
    except ElementTree.ParseError:
        return ["content that is not well-formed SVG"]
    problems = []
    for element in root.iter():
        tag = local_name(element.tag) if isinstance(element.tag, str) else ""
        if tag in ACTIVE_ELEMENTS:
            problems.append(f"a <{tag}> element")
        for name, value in element.attrib.items():
            attribute = local_name(name)
            if attribute.startswith("on"):
                problems.append(f"an event handler ({attribute})")
            elif SCRIPT_URL.match(value):
                problems.append(f"a script address in {attribute}")
        if tag == "style" and element.text and re.search(r"javascript:|@import", element.text):
            problems.append("a stylesheet that loads a script or another file")
    return sorted(set(problems))


def check_svg(file):
    """Raise a ValidationError naming what to remove if the uploaded SVG could run code."""
    file.seek(0)
    problems = svg_problems(file.read())
    file.seek(0)
    if problems:
        raise ValidationError(
            "This SVG file contains %(problems)s, which could run code in a visitor's "
            "browser. Remove it in your drawing program, save the file again and upload "
            "the new file.",
            code="unsafe_svg",
            params={"problems": ", ".join(problems)},
        )
