"""Patient data access is logged: every view of the enquiries list, every export (CSV or
XLSX) writes an entry to Wagtail's audit log on the form page, shown under Reports → Site
history, with who, when, which form, how many enquiries and which format. Nobody can
delete those entries, from the admin or otherwise.

The enquiries are read here by a Referral coordinator in a real session, through
Wagtail's own submissions views. (The forms app has no view of a single enquiry: the list
shows each one in full, so each look at it is logged.)
"""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page, PageLogEntry

from content.accounts.audit import AuditEntryKept
from content.accounts.roles import REFERRAL_COORDINATORS
from content.enquiries.submissions import EXPORTED, VIEWED
from content.starter.loader import ensure_referral_coordinators
from content.starter.report import Report

from . import test_enquiry_form as enquiry
from .conftest import parse, staff_member

enquiry_page = enquiry.enquiry_page
no_minimum_time = enquiry.no_minimum_time  # autouse there, so used by name here


@pytest.fixture
def submissions(client, enquiry_page, no_minimum_time):
    for name in ("Ana Example", "Ben Example", "Cy Example"):
        client.post(enquiry_page.url, enquiry.form_data(client, enquiry_page, your_name=name))
    assert FormSubmission.objects.count() == 3
    return FormSubmission.objects.all()


@pytest.fixture
def coordinator(enquiry_page):
    ensure_referral_coordinators(Report())  # the group, with the form page to read
    return staff_member("coordinator", REFERRAL_COORDINATORS)


@pytest.fixture
def coordinator_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


def list_url(page):
    return reverse("wagtailforms:list_submissions", args=(page.pk,))


def entries(action):
    return list(PageLogEntry.objects.filter(action=action).order_by("pk"))


def test_each_view_of_the_list_is_logged(
    coordinator_client, coordinator, enquiry_page, submissions
):
    before = timezone.now()
    assert coordinator_client.get(list_url(enquiry_page)).status_code == 200
    assert coordinator_client.get(list_url(enquiry_page)).status_code == 200
    views = entries(VIEWED)
    assert len(views) == 2
    entry = views[0]
    assert entry.user == coordinator
    assert entry.page_id == enquiry_page.pk
    assert before <= entry.timestamp <= timezone.now()
    assert (entry.data["rows"], entry.data["total"], entry.data["page"]) == (3, 3, 1)
    assert entry.data["form"] == enquiry_page.title


def test_a_filtered_view_logs_what_was_shown(coordinator_client, enquiry_page, submissions):
    FormSubmission.objects.filter(pk=submissions[0].pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=40)
    )
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    url = reverse("wagtailforms:list_submissions_results", args=(enquiry_page.pk,))
    response = coordinator_client.get(url, {"date_from": since})
    assert response.status_code == 200
    [entry] = entries(VIEWED)
    assert (entry.data["rows"], entry.data["total"]) == (2, 2)
    assert entry.data["filters"] == {"date_from": [since]}


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_each_export_is_logged_with_its_format_and_rows(
    coordinator_client, coordinator, enquiry_page, submissions, export_format
):
    response = coordinator_client.get(list_url(enquiry_page), {"export": export_format})
    assert response.status_code == 200
    assert b"".join(response.streaming_content)
    [entry] = entries(EXPORTED)
    assert entry.user == coordinator
    assert entry.page_id == enquiry_page.pk
    assert (entry.data["rows"], entry.data["format"]) == (3, export_format)
    assert entries(VIEWED) == []


def test_the_entries_are_in_site_history(
    coordinator_client, admin_client, enquiry_page, submissions
):
    coordinator_client.get(list_url(enquiry_page))
    coordinator_client.get(list_url(enquiry_page), {"export": "xlsx"})
    history = parse(admin_client.get(reverse("wagtailadmin_reports:site_history")))
    rows = [row.get_text(" ", strip=True) for row in history.select("table.listing tbody tr")]
    assert any("Exported 3 enquiries as XLSX" in row and "coordinator" in row for row in rows)
    assert any("Viewed 3 of 3 enquiries (page 1)" in row for row in rows)
    assert all(enquiry_page.title in row for row in rows[:2])


def test_someone_refused_the_enquiries_reads_nothing_and_logs_no_view(enquiry_page, submissions):
    editor = Client()
    editor.force_login(staff_member("editor", "Editors"))
    assert editor.get(list_url(enquiry_page)).status_code in (302, 403)
    assert editor.get(list_url(enquiry_page), {"export": "csv"}).status_code in (302, 403)
    assert entries(VIEWED) == entries(EXPORTED) == []


# Nobody can delete the entries ---------------------------------------------------------


@pytest.fixture
def logged(coordinator_client, enquiry_page, submissions):
    coordinator_client.get(list_url(enquiry_page))
    coordinator_client.get(list_url(enquiry_page), {"export": "csv"})
    return {entry.pk for entry in PageLogEntry.objects.filter(action__startswith="enquiries.")}


def test_the_site_history_offers_no_way_to_delete_them(admin_client, logged):
    history = parse(admin_client.get(reverse("wagtailadmin_reports:site_history")))
    listing = history.select_one("table.listing")
    assert "delete" not in str(listing).lower()


def test_deleting_the_enquiries_and_their_page_in_the_admin_keeps_the_entries(
    admin_client, enquiry_page, submissions, logged
):
    ids = "&".join(f"selected-submissions={s.pk}" for s in submissions)
    url = reverse("wagtailforms:delete_submissions", args=(enquiry_page.pk,))
    admin_client.post(f"{url}?{ids}")
    assert FormSubmission.objects.count() == 0
    admin_client.post(reverse("wagtailadmin_pages:delete", args=(enquiry_page.pk,)))
    assert not Page.objects.filter(pk=enquiry_page.pk).exists()
    kept = PageLogEntry.objects.filter(action__startswith="enquiries.")
    assert {entry.pk for entry in kept} == logged


def test_the_entries_cannot_be_deleted_through_django_either(logged):
    with pytest.raises(AuditEntryKept), transaction.atomic():
        PageLogEntry.objects.filter(pk__in=logged).delete()
    with pytest.raises(AuditEntryKept), transaction.atomic():
        PageLogEntry.objects.get(pk=min(logged)).delete()
    assert PageLogEntry.objects.filter(pk__in=logged).count() == len(logged)
