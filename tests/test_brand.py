"""Brand settings: names, logo and accent colour, edited in the admin and shown on pages."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from content.organisation.colours import contrast_with_white
from content.organisation.models import BrandSettings

from .conftest import parse

BRAND_URL = reverse("wagtailsettings:edit", args=["organisation", "brandsettings"])


def post_brand_form(admin_client, **changes):
    """The brand settings form as the admin shows it, changed as given, then sent."""
    page = admin_client.get(BRAND_URL, follow=True)
    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    for name, value in changes.items():
        data[name] = value
    return admin_client.post(page.redirect_chain[-1][0], data)


def field_message(response, name):
    field = parse(response).select_one(f"[name='{name}']").find_parent(attrs={"data-field": True})
    return " ".join(field.get_text(" ").split())


@pytest.mark.parametrize(
    ("colour", "ratio"), [("#ffffff", 1.0), ("#767676", 4.54), ("#004a80", 9.17), ("#000000", 21)]
)
def test_contrast_is_measured_as_wcag_defines_it(colour, ratio):
    assert contrast_with_white(colour) == pytest.approx(ratio, abs=0.05)


def test_a_pale_accent_colour_is_refused_with_its_contrast(admin_client, brand, home):
    response = post_brand_form(admin_client, accent_colour="#7fb2e5")
    assert response.status_code == 200
    message = field_message(response, "accent_colour")
    assert "This colour has a contrast of 2.2:1 with white" in message
    assert "at least 4.5:1" in message
    brand.refresh_from_db()
    assert brand.accent_colour == "#004a80"


def test_a_colour_that_is_not_a_colour_is_refused(admin_client, brand):
    response = post_brand_form(admin_client, accent_colour="blue")
    assert "Enter a colour as # and six hexadecimal digits" in field_message(
        response, "accent_colour"
    )


def test_a_readable_accent_colour_is_saved_and_reaches_every_page(admin_client, client, home):
    BrandSettings.objects.create(program_name="Spine Tumor Program")
    response = post_brand_form(admin_client, accent_colour="#6b2c91")
    assert response.status_code == 302
    stylesheet = parse(client.get(home.url)).find("link", href=lambda h: "brand.css" in h)
    css = client.get(stylesheet["href"])
    assert css["Content-Type"].startswith("text/css")
    assert (
        css.content.decode().strip()
        == ':root{--brand:#6b2c91;--print-site-root:"http://localhost"}'
    )
    assert "immutable" in css["Cache-Control"]  # a new colour is a new address
    assert "immutable" not in client.get("/brand.css?v=old")["Cache-Control"]
    brand = BrandSettings.objects.get()
    brand.accent_colour = "#004a80"
    brand.save()
    new = parse(client.get(home.url)).find("link", href=lambda h: "brand.css" in h)["href"]
    assert new != stylesheet["href"]


def test_a_logo_that_is_not_an_image_is_refused(admin_client, brand, home, client):
    response = post_brand_form(admin_client, logo="999")
    assert response.status_code == 200
    assert "Select a valid choice" in field_message(response, "logo")
    assert client.get(home.url).status_code == 200


def test_without_a_logo_the_header_names_the_hospital(client, brand, home):
    header = parse(client.get(home.url)).select_one("header a.brand")
    assert header.img is None
    assert header.get_text(" ", strip=True) == "Test Hospital Test Spine Program"
