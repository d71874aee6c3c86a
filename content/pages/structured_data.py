"""schema.org structured data (JSON-LD) built from the same fields the pages show."""

from wagtail import blocks

from content.pages.blocks import CallToActionBlock, IllustrationBlock, ImageBlock
from content.translations.languages import default_language, language_of_locale_id

PROCEDURE_TYPES = [
    ("PercutaneousProcedure", "Through the skin (percutaneous)"),
    ("NoninvasiveProcedure", "Noninvasive"),
    ("SurgicalProcedure", "Surgical"),
]


def stream_text(stream_value):
    """A stream field's prose as plain text, read from its data: no rendering, no queries.

    Links to elsewhere (calls to action), labels such as a callout's urgency, and pictures
    (whose words describe the picture) are not part of what the section says, so they are
    left out.
    """
    if not stream_value:
        return ""
    pieces = [piece for child in stream_value for piece in block_text(child.block, child.value)]
    return " ".join(" ".join(pieces).split())


def join_text(*stream_values):
    """Several stream fields' prose as one text, in order."""
    return " ".join(filter(None, (stream_text(value) for value in stream_values)))


def block_text(block, value):
    if isinstance(block, (CallToActionBlock, blocks.ChoiceBlock, ImageBlock, IllustrationBlock)):
        return []
    if isinstance(block, blocks.StructBlock):
        return [
            piece
            for name, child in block.child_blocks.items()
            for piece in block_text(child, value.get(name))
        ]
    return block.get_searchable_content(value)


def reviewed_by_schema(page):
    """schema.org review data, only once a clinician has signed the page off.

    A reviewer chosen for a review that has not happened yet is no claim to make.
    """
    if not page.last_reviewed:
        return {}
    data = {"lastReviewed": page.last_reviewed.isoformat()}
    if page.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": str(page.reviewed_by)}
    return data


def medical_web_page(page, canonical_url, audience, about):
    """A MedicalWebPage about a MedicalProcedure, as JSON-serialisable data."""
    return {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": canonical_url,
        "inLanguage": language_of_locale_id(page.locale_id) or default_language(),
        "description": page.meta_description,
        "audience": f"https://schema.org/{audience}",
        **reviewed_by_schema(page),
        "about": about,
    }
