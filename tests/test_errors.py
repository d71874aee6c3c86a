"""Unknown or malformed requests get the site's friendly pages, never a bare 500."""

import pytest
from django.test import RequestFactory

from website.views import server_error

from .conftest import parse


def test_a_missing_page_answers_404_with_the_site_layout(client, contact, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "We cannot find that page"
    assert soup.select_one("a.skip-link")["href"] == "#main"
    assert soup.find("footer").select_one("a[href='tel:5550100']")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    "path",
    [
        "/%ff%fe/",
        "/star/../../etc/passwd",
        "/?q=%00%ff",
        "/?" + "a=1&" * 2000,
        "/" + "x" * 3000 + "/",
        "/spine/star/?page=-1&page=abc",
    ],
)
def test_malformed_paths_and_query_strings_never_give_a_500(client, contact, procedure_page, path):
    response = client.get(path)
    assert response.status_code < 500


def test_the_500_page_keeps_the_phone_number(contact, rf: RequestFactory):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    soup = parse(response)
    assert soup.select_one("a[href='tel:5550100']").get_text() == "555-0100"
    assert "Call 911 if you cannot move your legs." in soup.get_text()


def test_the_500_page_renders_even_without_a_database(rf, db, django_db_blocker):
    with django_db_blocker.block():
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "In an emergency, call 911." in parse(response).get_text()


def test_no_double_full_stop_after_the_opening_hours(client, contact):
    contact.opening_hours = "Monday to Friday, 8 a.m. to 5 p.m."
    contact.save()
    assert "p.m.." not in client.get("/no-such-page/").content.decode()
