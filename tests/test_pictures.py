"""Pictures that explain: illustrations, and numbers drawn as an icon array."""

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, streamfield

from content.pages.blocks import IconArrayBlock

from .conftest import edit_form_data, parse, publish

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">'
    b'<circle cx="200" cy="150" r="100" fill="none" stroke="black"/></svg>'
)


@pytest.fixture
def drawing(db):
    return Image.objects.create(title="Spine", file=ContentFile(SVG, name="spine.svg"))


@pytest.fixture
def photo(db):
    return Image.objects.create(title="Probe", file=get_test_image_file(size=(1600, 900)))


def illustration(image, long_description=""):
    value = {
        "image": image.pk,
        "alt_text": "A side view of the spine with a probe in one bone",
        "caption": "The probe goes in through a small cut.",
        "long_description": long_description,
    }
    return {"type": "illustration", "value": value}


def icon_array(highlighted, out_of, source=""):
    value = {
        "highlighted": highlighted,
        "out_of": out_of,
        "sentence": f"About {highlighted} in {out_of} people had a problem",
        "source": source,
    }
    return {"type": "icon_array", "value": value}


def risks_as_seen(client, page, blocks):
    """The risks section a visitor receives once page is published with blocks in it."""
    page.risks = blocks
    publish(page)
    return parse(client.get(page.url)).select_one("#risks")


def test_svg_illustration_is_a_plain_img_with_caption_and_description(
    client, procedure_page, drawing
):
    description = "The spine is seen from the side.\n\nA thin probe enters one bone."
    risks = risks_as_seen(client, procedure_page, [illustration(drawing, description)])
    figure = risks.select_one("figure.illustration")
    assert figure.select("picture") == []  # renditions cannot turn SVG into AVIF or WebP
    img = figure.img
    assert img["src"].endswith(".svg") and img["src"] == drawing.file.url
    assert img["alt"] == "A side view of the spine with a probe in one bone"
    assert (img["width"], img["height"]) == ("400", "300")
    assert figure.figcaption.get_text(strip=True) == "The probe goes in through a small cut."
    details = figure.select_one("details")
    assert details.summary.get_text(strip=True) == "Describe this picture"
    assert [p.get_text(strip=True) for p in details.select("p")] == [
        "The spine is seen from the side.",
        "A thin probe enters one bone.",
    ]


def test_illustration_without_long_description_has_no_details(client, procedure_page, drawing):
    figure = risks_as_seen(client, procedure_page, [illustration(drawing)]).figure
    assert figure.figcaption and figure.select("details") == []


def test_raster_illustration_is_a_responsive_picture(client, procedure_page, photo):
    figure = risks_as_seen(client, procedure_page, [illustration(photo)]).figure
    sources = [source["type"] for source in figure.select("picture source")]
    assert sources == ["image/avif", "image/webp"]
    img = figure.select_one("picture img")
    assert img["alt"] == "A side view of the spine with a probe in one bone"
    assert img["width"] and img["height"]
    assert len(img["srcset"].split(",")) == 3


@pytest.mark.parametrize(("highlighted", "out_of"), [(3, 100), (0, 10), (16, 583), (1000, 1000)])
def test_icon_array_draws_every_figure_and_fills_the_highlighted_ones(
    client, procedure_page, highlighted, out_of
):
    risks = risks_as_seen(
        client, procedure_page, [icon_array(highlighted, out_of, source="(Rosian 2018)")]
    )
    figure = risks.select_one("figure.icon-array")
    svg = figure.svg
    assert svg["aria-hidden"] == "true" and svg["focusable"] == "false"
    assert svg["viewbox"] and svg["width"] and svg["height"]
    assert len(svg.select("use")) == out_of
    assert len(svg.select(".icon-array__highlighted use")) == highlighted
    (shape,) = svg.select("defs path")  # one person shape, used for every figure
    assert {use["href"] for use in svg.select("use")} == {f"#{shape['id']}"}
    assert svg.select_one(".icon-array__highlighted")["fill"] == "currentColor"
    assert svg.select_one(".icon-array__plain")["fill"] == "none"
    # A strict Content-Security-Policy allows no inline styles.
    assert figure.select("style, [style]") == []
    caption = figure.figcaption.get_text(" ", strip=True)
    assert caption == f"About {highlighted} in {out_of} people had a problem (Rosian 2018)"


def test_more_highlighted_than_the_total_is_refused_on_the_field():
    block = IconArrayBlock()
    value = block.to_python(icon_array(120, 100)["value"])
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    assert refused.value.block_errors["highlighted"].messages == [
        "The number to fill in (120) cannot be more than the total (100)."
    ]
    block.clean(block.to_python(icon_array(100, 100)["value"]))  # all of them is allowed


def test_editor_cannot_publish_more_highlighted_than_the_total(
    admin_client, client, procedure_page
):
    url, data = edit_form_data(admin_client, procedure_page)
    value = {k: str(v) for k, v in icon_array(120, 100)["value"].items()}
    data.update(nested_form_data({"risks": streamfield([("icon_array", value)])}))
    data["action-publish"] = "publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "cannot be more than the total (100)" in response.content.decode()
    assert parse(client.get(procedure_page.url)).select("#risks .icon-array") == []
