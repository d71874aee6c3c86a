"""The starter procedure page reads at US grade 8 or below, measured on the served HTML."""

import pytest

from content.pages.models import ProcedurePage, StandardPage
from content.plain_language.readability import grade, readable_text

TARGET_GRADE = 8


def test_known_text_has_a_known_grade():
    hard = (
        "Percutaneous radiofrequency ablation facilitates palliation of intractable "
        "nociceptive symptomatology secondary to osseous metastatic disease."
    )
    easy = "The doctor heats the tumor. You go home the same day."
    assert grade(easy) < 3
    assert grade(hard) > 15


def test_readable_text_is_the_main_prose_without_navigation_or_references():
    html = (
        "<nav><p>Menu item</p></nav><main><h1>Title</h1><nav><p>On this page</p></nav>"
        "<p>One sentence</p><ol data-readability='skip'><li>Author A. Journal.</li></ol></main>"
    )
    assert readable_text(html) == "Title.\nOne sentence."


@pytest.mark.parametrize(
    ("model", "slug"),
    [(ProcedurePage, "star-procedure"), (StandardPage, "accessibility"), (StandardPage, "privacy")],
)
def test_starter_patient_pages_read_at_grade_8_or_below(starter, client, model, slug):
    page = model.objects.get(slug=slug)
    text = readable_text(client.get(page.url).content.decode())
    assert len(text.split()) > 100  # the measure covers the real page, not an empty shell
    assert grade(text) <= TARGET_GRADE
