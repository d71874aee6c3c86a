"""Uploading images in the admin: SVG that could run code, oversized and corrupt files are
refused with a clear message, and nothing is stored; a clean SVG is accepted."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from .conftest import parse

CLEAN_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
    b'<rect width="10" height="10" fill="#fff"/><circle cx="5" cy="5" r="3"/></svg>'
)
UNSAFE_SVGS = {
    "script": (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>",
        "a <script> element",
    ),
    "event handler": (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10" '
        b'onload="alert(1)"><rect width="10" height="10"/></svg>',
        "an event handler (onload)",
    ),
    "javascript link": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 10 10" width="10" height="10"><a xlink:href="javascript:alert(1)">'
        b'<rect width="10" height="10"/></a></svg>',
        "a script address in href",
    ),
    "embedded page": (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
        b'<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" '
        b'src="https://example.org/"/></foreignObject></svg>',
        "a <foreignobject> element",
    ),
}


def png_bytes(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#3366aa").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, name, content, content_type):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": "1",
        },
    )


def file_error(response):
    field = parse(response).select_one("[name='file']").find_parent(attrs={"data-field": True})
    return " ".join(field.get_text(" ").split())


def test_a_clean_svg_is_accepted(admin_client):
    response = upload(admin_client, "diagram.svg", CLEAN_SVG, "image/svg+xml")
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.is_svg() and (image.width, image.height) == (10, 10)


@pytest.mark.parametrize("case", UNSAFE_SVGS, ids=list(UNSAFE_SVGS))
def test_an_svg_that_could_run_code_is_refused_with_what_to_remove(admin_client, case):
    content, problem = UNSAFE_SVGS[case]
    response = upload(admin_client, "drawing.svg", content, "image/svg+xml")
    assert response.status_code == 200
    message = file_error(response)
    assert f"This SVG file contains {problem}" in message
    assert "Remove it in your drawing program" in message
    assert not Image.objects.exists()


def test_the_multiple_uploader_refuses_an_unsafe_svg_too(admin_client):
    content, _ = UNSAFE_SVGS["script"]
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("drawing.svg", content, content_type="image/svg+xml")},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "could run code" in response.json()["error_message"]
    assert not Image.objects.exists()


def test_a_30_mb_image_is_refused_with_the_size_limit(admin_client):
    content = png_bytes() + b"\0" * (30 * 1024 * 1024)
    response = upload(admin_client, "huge.png", content, "image/png")
    assert response.status_code == 200
    assert "This file is too big" in file_error(response)
    assert "10.0 MB" in file_error(response)
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "content", [png_bytes()[:40], b"not an image at all"], ids=["cut short", "not an image"]
)
def test_a_corrupt_image_is_refused(admin_client, content):
    response = upload(admin_client, "broken.png", content, "image/png")
    assert response.status_code == 200
    assert "Upload a valid image" in file_error(response)
    assert not Image.objects.exists()


def test_a_raster_image_is_accepted(admin_client):
    response = upload(admin_client, "photo.png", png_bytes(), "image/png")
    assert response.status_code == 302
    assert Image.objects.get().width == 40
