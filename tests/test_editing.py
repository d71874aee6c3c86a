"""Editing in the admin: publishing changes what visitors see; drafts and bad input do not."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from .conftest import edit_form_data, parse


def benefits_text(client, page):
    return parse(client.get(page.url)).select_one("#benefits").get_text(" ", strip=True)


def set_benefits(data, html):
    data["benefits-0-value"] = rich_text(html)


def test_publishing_an_edit_changes_what_visitors_see(admin_client, client, procedure_page):
    url, data = edit_form_data(admin_client, procedure_page)
    set_benefits(data, "<p>You may walk more easily within two days.</p>")
    data["action-publish"] = "publish"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert "You may walk more easily within two days." in benefits_text(client, procedure_page)


def test_saving_a_draft_leaves_the_live_page_as_it_was(admin_client, client, procedure_page):
    url, data = edit_form_data(admin_client, procedure_page)
    set_benefits(data, "<p>An unreviewed draft sentence.</p>")
    response = admin_client.post(url, data)
    assert response.status_code == 302
    text = benefits_text(client, procedure_page)
    assert "An unreviewed draft sentence." not in text
    assert "You may have less pain within two days." in text
    procedure_page.refresh_from_db()
    assert procedure_page.has_unpublished_changes


def test_preview_shows_the_unsaved_draft(admin_client, procedure_page):
    url, data = edit_form_data(admin_client, procedure_page)
    set_benefits(data, "<p>A sentence only the editor sees.</p>")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(procedure_page.pk,))
    assert admin_client.post(preview_url, data).json()["is_valid"]
    soup = parse(admin_client.get(preview_url))
    assert "A sentence only the editor sees." in soup.select_one("#benefits").get_text()


def test_headings_above_h4_and_raw_html_are_stripped(admin_client, client, procedure_page):
    url, data = edit_form_data(admin_client, procedure_page)
    set_benefits(data, "<h1>Big</h1><p>Safe text<script>alert(1)</script></p>")
    data["action-publish"] = "publish"
    admin_client.post(url, data)
    soup = parse(client.get(procedure_page.url))
    assert len(soup.find_all("h1")) == 1
    assert soup.select("#benefits script") == []


def test_invalid_input_is_shown_beside_the_field_and_nothing_changes(
    admin_client, client, procedure_page
):
    url, data = edit_form_data(admin_client, procedure_page)
    data["title"] = ""
    set_benefits(data, "<p>This must not go live.</p>")
    data["action-publish"] = "publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    wrapper = parse(response).select_one("[name='title']").find_parent(attrs={"data-field": True})
    assert "This field is required" in wrapper.get_text()
    assert "This must not go live." not in benefits_text(client, procedure_page)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "not a web address", "Enter a valid URL."),
        ("doi", "https://example.org/paper", "Enter a DOI such as"),
        ("year", "1820", "greater than or equal to 1900"),
    ],
)
def test_a_reference_with_bad_details_is_refused(admin_client, reference, field, value, message):
    url = reverse("wagtailsnippets_content_reference:edit", args=(reference.pk,))
    data = querydict_from_html(admin_client.get(url).content.decode(), form_index=1)
    data[field] = value
    response = admin_client.post(url, data)
    assert response.status_code == 200
    wrapper = (
        parse(response).select_one(f"[name='{field}']").find_parent(attrs={"data-field": True})
    )
    assert message in wrapper.get_text()
    reference.refresh_from_db()
    assert getattr(reference, field) != value


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "/admin/snippets/content/glossaryterm/edit/7/?next=x",
            "/admin/snippets/glossary/glossaryterm/edit/7/?next=x",
        ),
        ("/admin/snippets/content/clinician/", "/admin/snippets/review/clinician/"),
        (
            "/admin/settings/content/contactsettings/",
            "/admin/settings/organisation/contactsettings/",
        ),
    ],
)
def test_admin_addresses_from_before_the_models_moved_lead_to_the_new_ones(admin_client, old, new):
    """Bookmarks and workflow emails from before migration content.0007 still work."""
    response = admin_client.get(old)
    assert response.status_code == 302
    assert response["Location"] == new


def test_admin_addresses_of_models_that_stayed_are_not_redirected(admin_client, reference):
    assert admin_client.get("/admin/snippets/content/reference/").status_code == 200
    assert admin_client.get("/admin/snippets/content/no-such-model/").status_code == 404
