"""Each page's share image: drawn on the server at 1200 x 630 from the page's title and the
brand, at an address that changes when either does; or an image the page chose."""

import io

from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from .conftest import parse, publish


def meta(soup, name):
    return soup.find("meta", property=name)["content"]


def share_image_path(client, page):
    return meta(parse(client.get(page.url)), "og:image").removeprefix("http://localhost")


def test_the_share_image_is_drawn_at_1200_by_630_and_kept_for_ever(client, contact, procedure_page):
    response = client.get(share_image_path(client, procedure_page))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert PILImage.open(io.BytesIO(response.content)).size == (1200, 630)
    assert "immutable" in response["Cache-Control"]
    assert meta(parse(client.get(procedure_page.url)), "og:image:width") == "1200"


def test_a_new_title_makes_a_new_image_at_a_new_address(client, contact, procedure_page):
    old_path = share_image_path(client, procedure_page)
    old_png = client.get(old_path).content
    procedure_page.title = "The STAR procedure, explained"
    publish(procedure_page)
    new_path = share_image_path(client, procedure_page)
    assert new_path != old_path
    assert client.get(new_path).content != old_png
    # The old address still works for anyone who kept it: it leads to the new image.
    assert client.get(old_path)["Location"] == new_path


def test_a_new_brand_makes_a_new_image(client, brand, contact, procedure_page):
    old_path = share_image_path(client, procedure_page)
    brand.hospital_name = "Springfield General Hospital"
    brand.save()
    assert share_image_path(client, procedure_page) != old_path


def test_a_page_can_choose_its_own_share_image(client, contact, procedure_page):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#3366aa").save(buffer, "PNG")
    photo = Image.objects.create(title="Clinic", file=ImageFile(buffer, name="clinic.png"))
    procedure_page.share_image = photo
    publish(procedure_page)
    path = share_image_path(client, procedure_page)
    rendition = photo.renditions.get()
    assert path == rendition.url and path.endswith(".jpg")
    assert (rendition.width, rendition.height) == (1200, 630)


def test_only_live_public_pages_have_share_images(client, contact, procedure_page):
    assert client.get(reverse("share_image", args=(999999, "0" * 16))).status_code == 404
    procedure_page.unpublish()
    assert client.get(share_image_path_for(procedure_page)).status_code == 404


def share_image_path_for(page):
    return reverse("share_image", args=(page.pk, "0" * 16))


def test_the_home_page_is_a_website_and_other_pages_are_articles(client, contact, procedure_page):
    home = procedure_page.get_parent()
    assert meta(parse(client.get(home.url)), "og:type") == "website"
    assert meta(parse(client.get(procedure_page.url)), "og:type") == "article"


def test_a_spanish_page_s_image_shows_the_spanish_program_name(
    client, brand, contact, spanish_procedure
):
    brand.program_name_es = "Programa de Tumores de la Columna"
    brand.save()
    spanish_path = meta(parse(client.get(spanish_procedure.url)), "og:image")
    spanish_path = spanish_path.removeprefix("http://localhost")
    brand.program_name_es = "Programa de Columna"
    brand.save()
    # Only the Spanish name changed: the Spanish page's image is drawn again, elsewhere.
    new_path = meta(parse(client.get(spanish_procedure.url)), "og:image")
    assert new_path.removeprefix("http://localhost") != spanish_path
    assert client.get(spanish_path)["Location"] == new_path.removeprefix("http://localhost")
