"""What a clinical sign-off leaves behind: the version a clinician approved is recorded, so
a page a site administrator publishes directly afterwards keeps showing when it was last
reviewed, and the report lists it as changed since review. And only those trusted with
staff accounts link a clinician to one (the link names the reviewer of every approval).
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import rich_text

from content.pages.models import ProcedurePage
from content.review.models import ClinicalSignOff, Clinician

from .conftest import edit_form_data, parse, staff_member
from .test_clinical_review import NEW_TEXT, benefits_text, review_line, submit_change
from .test_clinical_review_four_eyes import approve_from_edit_form

REPORT_URL = "/admin/reports/content-due-for-review/"
DIRECT_TEXT = "An urgent correction, published directly."


@pytest.fixture
def site_admin_client(db):
    client = Client()
    client.force_login(staff_member("siteadmin", "Site administrators"))
    return client


@pytest.fixture
def reviewed(editor_client, reviewer_client, reviewer, procedure_page, clinician):
    page = submit_change(editor_client, procedure_page)
    approve_from_edit_form(reviewer_client, page, reviewed_by=str(clinician.pk))
    return ProcedurePage.objects.get(pk=page.pk)


def report_rows(client):
    soup = parse(client.get(REPORT_URL))
    return {
        row.select_one("td a").get_text(strip=True): row.select("td")[1].get_text(strip=True)
        for row in soup.select("table.listing tbody tr")
    }


def test_the_approved_version_is_recorded(reviewed, reviewer, clinician):
    [sign_off] = ClinicalSignOff.objects.all()
    assert sign_off.page_id == reviewed.pk
    assert sign_off.revision_id == reviewed.live_revision_id
    assert (sign_off.reviewed_by, sign_off.approved_by) == (clinician, reviewer)
    assert sign_off.reviewed_on == timezone.localdate()


def test_a_reviewed_live_page_is_not_in_the_report(reviewed, reviewer_client):
    assert reviewed.title not in report_rows(reviewer_client)


def test_a_direct_publish_after_review_keeps_the_review_date_and_shows_as_changed(
    reviewed, site_admin_client, reviewer_client, client, contact
):
    url, data = edit_form_data(site_admin_client, reviewed)
    data["benefits-0-value"] = rich_text(f"<p>{DIRECT_TEXT}</p>")
    data["action-publish"] = "publish"
    assert site_admin_client.post(url, data).status_code == 302

    page = ProcedurePage.objects.get(pk=reviewed.pk)
    assert DIRECT_TEXT in benefits_text(client, page)
    assert page.live_revision_id != ClinicalSignOff.objects.get().revision_id
    # The page still says when it was last reviewed, and by whom: the review's own date.
    line = review_line(client, page).get_text(" ", strip=True)
    assert line.startswith("Page last reviewed:")
    assert f"{timezone.localdate():%B} {timezone.localdate().day}" in line
    assert "Reviewed by Test Reviewer, MD" in line
    assert page.last_reviewed == reviewed.last_reviewed
    # ... and the report and the dashboard count it as changed since its review.
    assert report_rows(reviewer_client)[page.title] == "Changed since review"
    home = parse(reviewer_client.get(reverse("wagtailadmin_home")))
    assert "Changed since review: 1" in home.select_one("#content-due-for-review-section").get_text(
        " ", strip=True
    )


def test_a_new_approval_clears_changed_since_review(
    reviewed, site_admin_client, editor_client, second_reviewer_client, reviewer_client, clinician
):
    url, data = edit_form_data(site_admin_client, reviewed)
    data["benefits-0-value"] = rich_text(f"<p>{DIRECT_TEXT}</p>")
    data["action-publish"] = "publish"
    site_admin_client.post(url, data)
    page = submit_change(editor_client, ProcedurePage.objects.get(pk=reviewed.pk), text="Again.")
    approve_from_edit_form(second_reviewer_client, page, reviewed_by=str(clinician.pk))
    assert reviewed.title not in report_rows(reviewer_client)


@pytest.fixture
def second_reviewer_client(db):
    client = Client()
    client.force_login(staff_member("second_reviewer", "Clinical reviewers"))
    return client


# Linking a clinician to a staff account -------------------------------------------------


def clinician_edit(client, clinician):
    url = reverse("wagtailsnippets_review_clinician:edit", args=(clinician.pk,))
    return url, parse(client.get(url))


def test_a_site_administrator_links_a_clinician_to_a_staff_account(
    site_admin_client, clinician, reviewer
):
    url, soup = clinician_edit(site_admin_client, clinician)
    assert soup.select_one("[name='user']") is not None
    data = {"name": clinician.name, "credentials": clinician.credentials, "user": reviewer.pk}
    assert site_admin_client.post(url, data).status_code == 302
    clinician.refresh_from_db()
    assert clinician.user == reviewer


def test_a_reviewer_cannot_link_a_clinician_to_an_account(reviewer_client, reviewer, clinician):
    url, soup = clinician_edit(reviewer_client, clinician)
    assert soup.select_one("[name='name']") is not None  # they may edit the clinician ...
    assert soup.select_one("[name='user']") is None  # ... but not link an account
    data = {"name": clinician.name, "credentials": "MD, PhD", "user": reviewer.pk}
    assert reviewer_client.post(url, data).status_code == 302
    clinician.refresh_from_db()
    assert clinician.credentials == "MD, PhD"
    assert clinician.user is None


def test_an_account_is_linked_to_one_clinician_at_most(site_admin_client, clinician, reviewer):
    Clinician.objects.create(name="Dr Taken", user=reviewer)
    url, _ = clinician_edit(site_admin_client, clinician)
    response = site_admin_client.post(url, {"name": clinician.name, "user": reviewer.pk})
    assert response.status_code == 200
    clinician.refresh_from_db()
    assert clinician.user is None


def test_the_new_text_went_live_through_the_review(reviewed, client, contact):
    assert NEW_TEXT in benefits_text(client, reviewed)
