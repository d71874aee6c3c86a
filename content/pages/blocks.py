"""The StreamField block library. Every block renders through its own template in
templates/blocks/, and every block has a preview for the editor's block picker."""

import math
import secrets

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from .linked_pages import LinkedPageChooserBlock

# Section headings are h2 on every page, so editors may add h3 and h4 below them, never h1.
# RichTextBlock stores only what its features allow: raw HTML is stripped on save.
PARAGRAPH_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
SHORT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        preview_value = (
            "<p>Most people go home the same day. You will need someone to drive you.</p>"
        )
        description = "Plain text with headings (level 3 and 4), lists, bold and links."


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        label="Alternative text",
        help_text="What the image shows, for people who cannot see it. Leave empty only "
        "if the image is decorative.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds no information. Screen readers will skip it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Add alternative text that describes the image, or tick "
                        "'Decorative' if the image adds no information."
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        description = "A picture with alternative text, served small to phones and sharp to "
        "large screens."


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/steps.html"
        preview_value = {
            "steps": [
                {"title": "You arrive", "text": "<p>A nurse checks you in.</p>"},
                {"title": "You go home", "text": "<p>Someone drives you home.</p>"},
            ]
        }
        description = "A numbered list of steps, in the order they happen."


class CalloutBlock(blocks.StructBlock):
    URGENCY_CHOICES = [
        ("information", "Information"),
        ("contact", "Contact your care team"),
        ("emergency", "Call 911 now"),
    ]
    urgency = blocks.ChoiceBlock(choices=URGENCY_CHOICES, default="information")
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)
    show_phone_numbers = blocks.BooleanBlock(
        required=False,
        label="Show our phone numbers",
        help_text="Adds the daytime and after-hours numbers from the contact details, so "
        "they are always the current ones.",
    )

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        preview_value = {
            "urgency": "contact",
            "heading": "Call your care team if",
            "text": "<ul><li>you have a fever of 100.4°F (38°C) or higher</li></ul>",
        }
        description = "A highlighted box: information, when to contact the care team, or "
        "when to call 911."


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = "blocks/question.html"
        preview_value = {
            "question": "Will I be asleep?",
            "answer": "<p>No. You get medicine that makes you relaxed and drowsy.</p>",
        }
        description = "A question with an answer that opens when tapped."


class LinkValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        return page.url if page else self.get("url")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80, help_text="What happens when the link is followed.")
    page = LinkedPageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label="Or another web address")
    description = blocks.CharBlock(required=False, max_length=200)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose a page or enter a web address: one of the two, not both."
            raise StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        return value

    class Meta:
        icon = "link"
        template = "blocks/call_to_action.html"
        value_class = LinkValue
        preview_value = {
            "text": "Read about the procedure",
            "url": "https://example.org/",
            "description": "What happens before, on the day and after.",
        }
        description = "A prominent link to a page or another site."


class IllustrationBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        label="Text alternative",
        help_text="Say what the picture shows, in a sentence, for people who cannot see it.",
    )
    caption = blocks.CharBlock(max_length=250)
    long_description = blocks.TextBlock(
        required=False,
        help_text="A longer description for people who cannot see the picture. Leave a "
        "blank line between paragraphs.",
    )

    class Meta:
        icon = "image"
        label = "Illustration"
        template = "blocks/illustration.html"
        # No picture: the preview shows the words, without needing the image library.
        preview_value = {
            "image": None,
            "alt_text": "",
            "caption": "The probe reaches the tumor through a small cut in the back.",
            "long_description": "A side view of the spine. A thin probe enters the back.",
        }
        description = "A drawing that explains, with a caption and a description in words."


# Each figure is a person: a head and shoulders in a 10 x 14 cell, drawn from the cell's
# top-left corner. Rows of 10 for 100 or fewer, wider rows for larger totals.
PERSON = (
    "m2.75 3a2.25 2.25 0 1 0 4.5 0a2.25 2.25 0 1 0-4.5 0zm-1.25 10v-4.5a2.5 2.5 0 0 1 "
    "2.5-2.5h2a2.5 2.5 0 0 1 2.5 2.5v4.5z"
)
CELL_WIDTH, CELL_HEIGHT, SCALE = 10, 14, 2


def icon_grid(highlighted, total):
    """Where each figure of an icon array goes, the first `highlighted` filled.

    Every figure is a <use> of one person shape defined once in the SVG, under an id new
    to each rendering, so two arrays on a page never share one.
    """
    columns = min(50, 10 * math.ceil(total / 100))
    rows = math.ceil(total / columns)
    places = [(i % columns * CELL_WIDTH, i // columns * CELL_HEIGHT) for i in range(total)]
    width, height = columns * CELL_WIDTH, rows * CELL_HEIGHT
    return {
        "shape_id": f"person-{secrets.token_hex(4)}",
        "shape": "M0 0" + PERSON,
        "highlighted": places[:highlighted],
        "plain": places[highlighted:],
        "view_box": f"0 0 {width} {height}",
        "width": width * SCALE,
        "height": height * SCALE,
    }


class IconArrayBlock(blocks.StructBlock):
    highlighted = blocks.IntegerBlock(
        min_value=0, help_text="How many figures to fill in: the people it happened to."
    )
    out_of = blocks.IntegerBlock(
        default=100, min_value=10, max_value=1000, help_text="How many figures in all."
    )
    sentence = blocks.CharBlock(
        max_length=250,
        help_text="The numbers in words, e.g. 'About 3 in 100 people (16 of 583) had a "
        "problem'. This is what screen readers announce.",
    )
    source = blocks.CharBlock(required=False, max_length=120, help_text="e.g. (Rosian 2018)")

    def clean(self, value):
        value = super().clean(value)
        if value["highlighted"] > value["out_of"]:
            message = (
                f"The number to fill in ({value['highlighted']}) cannot be more than the "
                f"total ({value['out_of']})."
            )
            raise StructBlockValidationError(block_errors={"highlighted": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["grid"] = icon_grid(value["highlighted"], value["out_of"])
        return context

    class Meta:
        icon = "group"
        label = "Numbers as a picture"
        template = "blocks/icon_array.html"
        preview_value = {
            "highlighted": 3,
            "out_of": 100,
            "sentence": "About 3 in 100 people had a problem",
            "source": "",
        }
        description = "A chance shown as figures, e.g. 3 in 100 filled in, with the words."


class MoreDetailBlock(blocks.StructBlock):
    """Detail that some readers want and most can skip, such as a study's exact figures:
    closed on screen, open in print."""

    summary = blocks.CharBlock(
        max_length=120, help_text="What opens when tapped, such as 'About the studies'."
    )
    body = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "arrow-down"
        label = "More detail (opens when tapped)"
        template = "blocks/more_detail.html"
        preview_value = {
            "summary": "About the studies",
            "body": "<p>A study of 50 people found pain went from 5.9 to 2.6 after 1 month.</p>",
        }
        description = "Extra detail, closed until the reader opens it. Printed open."


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    entries = blocks.ListBlock(blocks.CharBlock(max_length=200), min_num=1, label="Items")

    class Meta:
        icon = "tasks"
        template = "blocks/checklist.html"
        preview_value = {
            "heading": "What to bring",
            "entries": ["A list of your medicines", "Your insurance card"],
        }
        description = "A list with a tick box beside each item, for patients to print and "
        "tick off."


class SectionBlock(blocks.StreamBlock):
    """The blocks an editor can use inside any page section."""

    paragraph = ParagraphBlock()
    image = ImageBlock()
    illustration = IllustrationBlock()
    icon_array = IconArrayBlock()
    more_detail = MoreDetailBlock()
    steps = StepsBlock()
    checklist = ChecklistBlock()
    callout = CalloutBlock()
    call_to_action = CallToActionBlock()


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionBlock()
