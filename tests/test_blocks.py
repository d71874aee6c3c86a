"""The block library: validation an editor sees, and the HTML each block renders."""

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, streamfield

from content.pages.models import ProcedurePage

from .conftest import edit_form_data, parse, publish


@pytest.fixture
def image(db):
    return Image.objects.create(title="Spine model", file=get_test_image_file(size=(1600, 900)))


def image_block(image, alt="", decorative=""):
    return {"image": str(image.pk), "alt_text": alt, "decorative": decorative, "caption": ""}


def post_benefits(admin_client, page, items):
    url, data = edit_form_data(admin_client, page)
    data.update(nested_form_data({"benefits": streamfield(items)}))
    data["action-publish"] = "publish"
    return admin_client.post(url, data)


def test_image_without_alt_text_or_decorative_flag_is_refused(
    admin_client, client, procedure_page, image
):
    response = post_benefits(admin_client, procedure_page, [("image", image_block(image))])
    assert response.status_code == 200
    assert "The page could not be saved due to validation errors" in response.content.decode()
    # StreamField errors travel to the editor as JSON for the block's own form.
    assert "Add alternative text that describes the image" in response.content.decode()
    assert parse(client.get(procedure_page.url)).select("#benefits img") == []


def test_image_with_alt_text_renders_as_a_responsive_picture(
    admin_client, client, procedure_page, image
):
    block = image_block(image, alt="A model of the spine")
    assert post_benefits(admin_client, procedure_page, [("image", block)]).status_code == 302
    picture = parse(client.get(procedure_page.url)).select_one("#benefits picture")
    types = [source["type"] for source in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    img = picture.img
    assert img["alt"] == "A model of the spine"
    assert img["width"] and img["height"]
    assert len(img["srcset"].split(",")) == 3
    assert img["src"].endswith(".jpg")


def test_decorative_image_has_empty_alt(admin_client, client, procedure_page, image):
    block = image_block(image, decorative="on")
    assert post_benefits(admin_client, procedure_page, [("image", block)]).status_code == 302
    img = parse(client.get(procedure_page.url)).select_one("#benefits img")
    assert img["alt"] == ""


def test_call_to_action_needs_exactly_one_destination(admin_client, procedure_page):
    block = {"text": "Read more", "page": "", "url": "", "description": ""}
    response = post_benefits(admin_client, procedure_page, [("call_to_action", block)])
    assert response.status_code == 200
    assert "Choose a page or enter a web address" in response.content.decode()


def test_blocks_render_their_templates(client, procedure_page, home):
    procedure_page.benefits = [
        {"type": "steps", "value": {"steps": [{"title": "Arrive", "text": "<p>Check in.</p>"}]}},
        {
            "type": "callout",
            "value": {"urgency": "emergency", "heading": "Call now", "text": "<p>If weak.</p>"},
        },
        {
            "type": "call_to_action",
            "value": {"text": "Home", "page": home.pk, "url": "", "description": ""},
        },
    ]
    publish(procedure_page)
    benefits = parse(client.get(procedure_page.url)).select_one("#benefits")
    assert benefits.select_one("ol.steps li strong").get_text() == "Arrive"
    callout = benefits.select_one(".callout--emergency")
    assert callout.select_one("a[href='tel:911']")
    assert "Call now" in callout.get_text()
    assert benefits.select_one(".cta a")["href"] == home.url


def test_every_block_has_a_description_and_a_styled_preview(admin_client):
    stream = ProcedurePage._meta.get_field("benefits").stream_block
    for name, block in stream.child_blocks.items():
        assert block.meta.description, name
        if name == "image":
            continue  # its preview needs a picture from the library, which may be empty
        assert block.meta.preview_value, name
        response = admin_client.get(
            reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
        )
        assert response.status_code == 200, name
        soup = parse(response)
        assert soup.select_one("link[href$='css/site.css']"), name
        assert soup.main.get_text(strip=True), name
