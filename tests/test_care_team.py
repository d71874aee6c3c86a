"""'Your care team': the clinicians patients may meet, listed on the procedure page.

Editors choose them in the page editor, in the order patients should read them; each card
shows the photo (if any), the name with credentials, the role and a short bio. With no
clinician chosen the section is left out: the site never invents people.
"""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from content.pages.models import ProcedurePage
from content.pages.models.procedure import ProcedurePageClinician
from content.review.models import Clinician
from content.serving.signals import empty_page_caches

from .conftest import edit_form_data, parse, publish
from .test_query_counts import MAX_QUERIES, count_queries
from .test_rendering import top_level_section_ids

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">'
    b'<circle cx="60" cy="60" r="50" fill="none" stroke="black"/></svg>'
)


def raster_photo(title):
    """A JPEG made with Pillow, saved in Wagtail's image library."""
    buffer = BytesIO()
    PILImage.new("RGB", (600, 400), (90, 140, 190)).save(buffer, format="JPEG")
    return Image.objects.create(title=title, file=ContentFile(buffer.getvalue(), "face.jpg"))


@pytest.fixture
def surgeon(db):
    return Clinician.objects.create(
        name="Zoe Young",
        credentials="MD",
        role="Interventional radiologist",
        bio="Dr. Young does the procedure. She will meet you before it starts.",
        photo=raster_photo("Zoe Young"),
    )


@pytest.fixture
def nurse(db):
    return Clinician.objects.create(
        name="Ann Brown",
        credentials="RN",
        role="Nurse coordinator",
        bio="Ann answers your questions and books your visit.",
    )


def with_care_team(page, *clinicians):
    """Publish page with clinicians in this order, each in its place (sort_order) as the
    editor's form saves it."""
    places = enumerate(clinicians)
    page.care_team = [ProcedurePageClinician(clinician=c, sort_order=i) for i, c in places]
    return publish(page)


def care_team_section(client, page):
    return parse(client.get(page.url)).find("section", id="care-team")


def toc_links(soup):
    return [a["href"] for a in soup.select("nav[aria-labelledby=toc-heading] a")]


def test_no_clinicians_no_section(client, procedure_page):
    soup = parse(client.get(procedure_page.url))
    assert soup.find(id="care-team") is None
    assert "#care-team" not in toc_links(soup)
    assert "#risks" in toc_links(soup)  # the list itself is there


def test_clinicians_listed_between_risks_and_questions_in_the_editors_order(
    client, procedure_page, surgeon, nurse
):
    # The editor listed them by name first, then moved Zoe up: neither the names' order nor
    # the order the rows were made in is the editor's.
    page = with_care_team(procedure_page, nurse, surgeon)
    assert list(Clinician.objects.all()) == [nurse, surgeon]
    ann, zoe = ProcedurePage.objects.get(pk=page.pk).care_team.all()
    ann.sort_order, zoe.sort_order = 1, 0
    page.care_team = [zoe, ann]
    publish(page)
    assert list(page.care_team.order_by("pk")) == [ann, zoe]
    soup = parse(client.get(procedure_page.url))

    ids = top_level_section_ids(soup)
    assert ids[ids.index("risks") + 1 : ids.index("risks") + 3] == [
        "care-team",
        "questions-to-ask",
    ]
    assert "#care-team" in toc_links(soup)
    toc_entry = soup.select_one("nav[aria-labelledby=toc-heading] a[href='#care-team']")
    assert toc_entry.get_text(strip=True) == "Your care team"

    section = soup.find("section", id="care-team")
    assert section.h2.get_text(strip=True) == "Your care team"
    cards = section.select("ul.care-team > li")
    assert [card.h3.get_text(strip=True) for card in cards] == ["Zoe Young, MD", "Ann Brown, RN"]
    assert [card.select_one(".care-team__role").get_text(strip=True) for card in cards] == [
        "Interventional radiologist",
        "Nurse coordinator",
    ]
    assert [card.select_one("p.care-team__bio").get_text(strip=True) for card in cards] == [
        "Dr. Young does the procedure. She will meet you before it starts.",
        "Ann answers your questions and books your visit.",
    ]


def test_a_photo_goes_out_as_avif_webp_and_jpeg_renditions(client, procedure_page, surgeon, nurse):
    with_care_team(procedure_page, surgeon, nurse)
    with_photo, without_photo = care_team_section(client, procedure_page).select("li")

    picture = with_photo.picture
    assert [source["type"] for source in picture.find_all("source")] == [
        "image/avif",
        "image/webp",
    ]
    img = picture.img
    assert img["width"] and img["height"]
    assert img["alt"] == ""  # the name beside it says who it is
    assert img["loading"] == "lazy"
    assert without_photo.find(["picture", "img"]) is None
    assert "style" not in str(with_photo)


def test_an_svg_photo_is_a_plain_img(client, procedure_page, nurse):
    nurse.photo = Image.objects.create(title="Ann", file=ContentFile(SVG, name="ann.svg"))
    nurse.save()
    with_care_team(procedure_page, nurse)
    card = care_team_section(client, procedure_page).li
    assert card.picture is None
    assert card.img["src"] == nurse.photo.file.url
    assert (card.img["width"], card.img["height"], card.img["alt"]) == ("120", "120", "")


def test_a_changed_bio_shows_on_the_next_request(client, procedure_page, nurse):
    with_care_team(procedure_page, nurse)
    assert "books your visit" in care_team_section(client, procedure_page).get_text()

    # Written behind Django's back: the page's rendered sections are kept (the cache works).
    Clinician.objects.filter(pk=nurse.pk).update(bio="Not shown: no save signal.")
    assert "books your visit" in care_team_section(client, procedure_page).get_text()

    # Saved as the snippet editor saves it: the caches are emptied and the bio is new.
    nurse.refresh_from_db()
    nurse.bio = "Ann helps you get ready and calls you the next day."
    nurse.save()
    bio = care_team_section(client, procedure_page).select_one(".care-team__bio")
    assert bio.get_text(strip=True) == "Ann helps you get ready and calls you the next day."


def test_clinicians_and_photos_come_in_one_query(
    procedure_page, surgeon, nurse, django_assert_num_queries
):
    nurse.photo = raster_photo("Ann Brown")
    nurse.save()
    with_care_team(procedure_page, surgeon, nurse)
    page = ProcedurePage.objects.get(pk=procedure_page.pk)  # as a request loads it
    with django_assert_num_queries(1):
        team = page.care_team_clinicians()
        assert [clinician.photo.title for clinician in team] == ["Zoe Young", "Ann Brown"]


def queries_to_render_afresh(client, url):
    """The page's queries when its sections are worked out anew, as after any change."""
    for _ in range(2):  # warm: per-process caches, and the photos' renditions made and kept
        client.get(url)
        empty_page_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_care_team_costs_the_same_queries_whatever_its_size(
    client, contact, procedure_page, surgeon, nurse
):
    url = procedure_page.url
    with_care_team(procedure_page, surgeon)
    one = queries_to_render_afresh(client, url)
    nurse.photo = raster_photo("Ann Brown")
    nurse.save()
    with_care_team(procedure_page, surgeon, nurse)
    two = queries_to_render_afresh(client, url)
    with_care_team(procedure_page)
    none = queries_to_render_afresh(client, url)
    assert one == two == none
    # Served from the caches, it stays within the page's budget.
    assert count_queries(client, url) <= MAX_QUERIES


def test_editors_choose_the_care_team_in_the_page_editor(
    admin_client, client, procedure_page, nurse
):
    url = reverse("wagtailadmin_pages:edit", args=(procedure_page.pk,))
    editor = parse(admin_client.get(url))
    names = {field["name"] for field in editor.select("[name^='care_team-']")}
    assert {"care_team-TOTAL_FORMS", "care_team-INITIAL_FORMS"} <= names
    assert editor.find(attrs={"name": "care_team_heading"})["value"] == "Your care team"

    # Add a clinician through the panel, as the editor's browser posts it, and publish.
    url, data = edit_form_data(admin_client, procedure_page)
    data.update(
        {
            "care_team-TOTAL_FORMS": "1",
            "care_team-0-clinician": str(nurse.pk),
            "care_team-0-ORDER": "1",
            "care_team-0-DELETE": "",
            "care_team-0-id": "",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, parse(response).select(".error-message")
    names = [h3.get_text(strip=True) for h3 in care_team_section(client, procedure_page)("h3")]
    assert names == ["Ann Brown, RN"]
