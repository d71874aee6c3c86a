"""The "Content due for review" report, its dashboard count, and the daily reminder email.

A page needs a review when it was never reviewed, when its next review is past or within
30 days, or when it was published since a clinician approved it (tests for that last one
are in test_clinical_review_sign_off.py, where pages go through the real approval).
"""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from content.pages.models import StandardPage

from .conftest import parse, publish, staff_member


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def pages_with_reviews(home, clinician):
    """Pages whose next review is at different distances from today."""
    due = {
        "Overdue a month": days(-30),
        "Overdue a day": days(-1),
        "Due in 10 days": days(10),
        "Due in 30 days": days(30),
        "Due in 31 days": days(31),
        "Due next year": days(365),
        "Never reviewed": None,
    }
    for title, next_due in due.items():
        page = StandardPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            summary="A page.",
            last_reviewed=days(-400) if next_due else None,
            next_review_due=next_due,
            reviewed_by=clinician if next_due else None,
        )
        home.add_child(instance=page)
        publish(page)
    return due


EXPECTED = [
    "Never reviewed",
    "Overdue a month",
    "Overdue a day",
    "Due in 10 days",
    "Due in 30 days",
]
REPORT_URL = "/admin/reports/content-due-for-review/"


def test_the_report_lists_never_reviewed_overdue_and_soon_due_pages_most_urgent_first(
    reviewer_client, pages_with_reviews
):
    assert reverse("content_review_due") == REPORT_URL
    soup = parse(reviewer_client.get(REPORT_URL))
    rows = soup.select("table.listing tbody tr")
    titles = [row.select_one("td a").get_text(strip=True) for row in rows]
    assert titles == EXPECTED
    statuses = [row.select("td")[1].get_text(strip=True) for row in rows]
    assert statuses == ["Never reviewed", "Overdue", "Overdue", "Due soon", "Due soon"]


def test_the_report_exports_a_spreadsheet(reviewer_client, pages_with_reviews):
    response = reviewer_client.get(REPORT_URL, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["Page"] for row in rows] == EXPECTED
    assert (rows[0]["Status"], rows[0]["Next review due"], rows[0]["Last reviewed"]) == (
        "Never reviewed",
        "",
        "",
    )
    assert rows[1]["Status"] == "Overdue"
    assert rows[1]["Next review due"] == days(-30).isoformat()
    assert rows[1]["Reviewed by"] == "Test Reviewer"

    xlsx = reviewer_client.get(REPORT_URL, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_the_report_is_in_the_reports_menu(reviewer_client, pages_with_reviews):
    soup = parse(reviewer_client.get(reverse("wagtailadmin_explore_root")))
    menu = soup.select_one("#wagtail-sidebar-props").get_text()  # the menu, as JSON
    assert "Content due for review" in menu
    assert REPORT_URL in menu


def test_the_dashboard_shows_the_count(reviewer_client, pages_with_reviews):
    soup = parse(reviewer_client.get(reverse("wagtailadmin_home")))
    panel = soup.select_one("#content-due-for-review-section")
    assert panel.select_one(".review-due-count").get_text() == str(len(EXPECTED))
    assert panel.select_one(f"a[href='{REPORT_URL}']")


def test_reminders_go_to_the_reviewers_at_most_once_a_day(reviewer, pages_with_reviews):
    for _ in range(3):
        call_command("send_review_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    [message] = mail.outbox
    assert message.to == [reviewer.email]
    lines = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert [line[2:].split(":")[0] for line in lines] == EXPECTED


def test_no_reminder_when_nothing_is_due(reviewer, home):
    output = io.StringIO()
    call_command("send_review_reminders", stdout=output)
    assert mail.outbox == []
    assert "No pages are due" in output.getvalue()


def test_the_dashboard_says_why_pages_need_a_review(reviewer_client, pages_with_reviews):
    soup = parse(reviewer_client.get(reverse("wagtailadmin_home")))
    reasons = [
        li.get_text(" ", strip=True)
        for li in soup.select("#content-due-for-review-section .review-due-reasons li")
    ]
    assert reasons == ["Never reviewed: 1", "Overdue: 2", "Due soon: 2"]


def test_the_dashboard_never_says_0_while_pages_were_never_reviewed(
    editor_client, home, standard_page
):
    assert standard_page.last_reviewed is None
    soup = parse(editor_client.get(reverse("wagtailadmin_home")))
    panel = soup.select_one("#content-due-for-review-section")
    assert panel.select_one(".review-due-count").get_text() == "1"
    assert "Never reviewed: 1" in panel.get_text(" ", strip=True)


def test_the_reminder_names_the_pages_never_reviewed(reviewer, pages_with_reviews):
    call_command("send_review_reminders", stdout=io.StringIO())
    [message] = mail.outbox
    assert "- Never reviewed: never reviewed\n" in message.body


@pytest.fixture
def admin_access_only_client(client, db):
    """Staff who may open the admin but edit no page (as Referral coordinators)."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = staff_member("coordinator", "Admin access only")
    client.force_login(user)
    return client


def test_the_panel_and_the_report_link_are_only_for_those_who_edit_pages(
    admin_access_only_client, pages_with_reviews
):
    soup = parse(admin_access_only_client.get(reverse("wagtailadmin_home")))
    assert soup.select_one("#content-due-for-review-section") is None
    assert REPORT_URL not in soup.select_one("#wagtail-sidebar-props").get_text()


def test_translations_are_left_to_translation_review(reviewer_client, home, standard_page):
    """A Spanish page is checked by a medical translator, and shows the English page's
    review: it is not "never reviewed" here."""
    from wagtail.models import Locale

    spanish = standard_page.copy_for_translation(
        Locale.objects.get_or_create(language_code="es")[0], copy_parents=True
    )
    spanish.save_revision().publish()
    soup = parse(reviewer_client.get(REPORT_URL))
    rows = [row.select_one("td a")["href"] for row in soup.select("table.listing tbody tr")]
    assert rows == [reverse("wagtailadmin_pages:edit", args=(standard_page.pk,))]
