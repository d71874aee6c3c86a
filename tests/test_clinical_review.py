"""Clinical sign-off: editors submit, clinical reviewers approve, and approval dates the review.

Everything goes through Wagtail's real admin views, logged in as an Editor and as a
Clinical reviewer created here (the groups come from content/pages/migrations/0004).
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, WorkflowState
from wagtail.test.utils.form_data import rich_text

from content.pages.models import ProcedurePage
from content.review.approval import add_months

from .conftest import edit_form_data, parse, publish

NEW_TEXT = "You may walk more easily within two days."


def benefits_text(client, page):
    return parse(client.get(page.url)).select_one("#benefits").get_text(" ", strip=True)


def submit_change(editor_client, page, text=NEW_TEXT):
    url, data = edit_form_data(editor_client, page)
    data["benefits-0-value"] = rich_text(f"<p>{text}</p>")
    data["action-submit"] = "submit"
    response = editor_client.post(url, data)
    assert response.status_code == 302
    return ProcedurePage.objects.get(pk=page.pk)


def approve_in_editor(reviewer_client, page, **changes):
    """The reviewer's "Approve" from the page editor's action menu, with any edits."""
    url, data = edit_form_data(reviewer_client, page.get_latest_revision_as_object())
    data.update(changes)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    response = reviewer_client.post(url, data)
    assert response.status_code == 302, parse(response).select(".error-message")
    return ProcedurePage.objects.get(pk=page.pk)


def test_roles_replace_wagtails_moderators_and_only_administrators_publish(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editors", "Clinical reviewers", "Site administrators"} <= names
    assert "Moderators" not in names
    publishers = GroupPagePermission.objects.filter(permission__codename="publish_page")
    assert {p.group.name for p in publishers} == {"Site administrators"}


def test_the_clinical_review_workflow_covers_the_home_page_and_below(home, procedure_page):
    for page in (home, procedure_page):
        workflow = page.get_workflow()
        assert workflow.name == "Clinical review"
        [task] = [task.specific for task in workflow.tasks]
        assert [group.name for group in task.groups.all()] == ["Clinical reviewers"]


def test_an_editor_cannot_publish_and_can_only_submit(editor_client, client, procedure_page):
    url, data = edit_form_data(editor_client, procedure_page)
    soup = parse(editor_client.get(url))
    assert soup.select("[name='action-publish']") == []
    assert soup.select("[name='action-submit']")

    data["benefits-0-value"] = rich_text(f"<p>{NEW_TEXT}</p>")
    data["action-publish"] = "publish"
    editor_client.post(url, data)
    assert NEW_TEXT not in benefits_text(client, procedure_page)


def test_approval_publishes_the_change_and_dates_the_review(
    editor_client, reviewer_client, reviewer, client, procedure_page, clinician, contact
):
    page = submit_change(editor_client, procedure_page)
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Clinical review"
    assert NEW_TEXT not in benefits_text(client, page)  # in moderation, not live
    assert any(reviewer.email in message.to for message in mail.outbox)

    page = approve_in_editor(reviewer_client, page, reviewed_by=str(clinician.pk))

    today = timezone.localdate()
    assert NEW_TEXT in benefits_text(client, page)
    assert page.last_reviewed == today
    assert page.next_review_due == add_months(today, 12)
    assert page.reviewed_by == clinician
    assert not page.has_unpublished_changes
    # The dates are in the latest revision too, so the next edit keeps them.
    latest = page.get_latest_revision_as_object()
    assert (latest.last_reviewed, latest.next_review_due) == (
        page.last_reviewed,
        page.next_review_due,
    )
    assert any("editor@example.org" in message.to for message in mail.outbox)


def test_approval_through_the_workflow_action_view(
    editor_client, reviewer_client, reviewer, client, procedure_page, clinician
):
    clinician.user = reviewer  # the reviewer's own clinician entry names them
    clinician.save()
    page = submit_change(editor_client, procedure_page)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", page.current_workflow_task_state.pk),
    )
    assert reviewer_client.post(url, {"comment": "Facts checked."}).status_code in (200, 302)
    page = ProcedurePage.objects.get(pk=page.pk)
    assert NEW_TEXT in benefits_text(client, page)
    assert page.last_reviewed == timezone.localdate()
    assert page.reviewed_by == clinician


@pytest.mark.parametrize("months", [6, 24])
def test_the_review_interval_is_configurable(
    settings, editor_client, reviewer_client, procedure_page, clinician, months
):
    settings.CLINICAL_REVIEW_INTERVAL_MONTHS = months
    page = submit_change(editor_client, procedure_page)
    page = approve_in_editor(reviewer_client, page, reviewed_by=str(clinician.pk))
    assert page.next_review_due == add_months(timezone.localdate(), months)


def test_a_next_review_date_the_reviewer_chose_is_kept(
    editor_client, reviewer_client, procedure_page, clinician
):
    chosen = timezone.localdate() + datetime.timedelta(days=90)
    page = submit_change(editor_client, procedure_page)
    page = approve_in_editor(
        reviewer_client, page, reviewed_by=str(clinician.pk), next_review_due=chosen.isoformat()
    )
    assert page.next_review_due == chosen
    assert page.last_reviewed == timezone.localdate()


def test_requesting_changes_returns_the_page_to_the_editor(
    editor_client, reviewer_client, client, procedure_page
):
    page = submit_change(editor_client, procedure_page)
    mail.outbox.clear()
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "reject", page.current_workflow_task_state.pk),
    )
    reviewer_client.post(url, {"comment": "Please give the number of patients."})

    page = ProcedurePage.objects.get(pk=page.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert NEW_TEXT not in benefits_text(client, page)
    assert page.last_reviewed is None
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    # The editor can work on it again and send it back for review.
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert editor_client.get(edit_url).status_code == 200
    page = submit_change(editor_client, page, text="A corrected sentence.")
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_superuser_still_publishes_directly_without_a_review_date(
    admin_client, client, procedure_page
):
    url, data = edit_form_data(admin_client, procedure_page)
    data["benefits-0-value"] = rich_text(f"<p>{NEW_TEXT}</p>")
    data["action-publish"] = "publish"
    assert admin_client.post(url, data).status_code == 302
    assert NEW_TEXT in benefits_text(client, procedure_page)
    page = ProcedurePage.objects.get(pk=procedure_page.pk)
    assert page.current_workflow_state is None
    assert page.last_reviewed is None  # publishing is not a clinical review


# The review line on the page -----------------------------------------------------------


def review_line(client, page):
    return parse(client.get(page.url)).select_one(".page-meta--review")


def test_a_reviewed_page_shows_its_review_dates_and_reviewer(
    client, contact, procedure_page, clinician
):
    procedure_page.last_reviewed = datetime.date(2026, 3, 2)
    procedure_page.next_review_due = datetime.date(2027, 3, 2)
    procedure_page.reviewed_by = clinician
    publish(procedure_page)

    line = review_line(client, procedure_page)
    times = [(time["datetime"], time.get_text()) for time in line.find_all("time")]
    assert times == [("2026-03-02", "March 2, 2026"), ("2027-03-02", "March 2, 2027")]
    text = line.get_text(" ", strip=True)
    assert text.startswith("Page last reviewed:")
    assert "Next review due:" in text
    assert "Reviewed by Test Reviewer, MD" in text


def test_a_never_reviewed_page_claims_no_review(client, contact, standard_page):
    soup = parse(client.get(standard_page.url))
    assert soup.select_one(".page-meta--review") is None
    assert "review" not in soup.select_one(".page-header").get_text().lower()
    assert soup.select_one(".page-meta time")["datetime"]  # when it was last updated


# Bad input ----------------------------------------------------------------------------


@pytest.fixture
def reviewed_page(procedure_page, clinician):
    procedure_page.last_reviewed = datetime.date(2026, 3, 2)
    procedure_page.next_review_due = datetime.date(2027, 3, 2)
    procedure_page.reviewed_by = clinician
    return publish(procedure_page)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("next_review_due", "2026-01-15", "on or after the last review"),
        ("next_review_due", "2026-02-31", "Enter a valid date"),
        ("reviewed_by", "", "Choose the clinician who reviewed this page"),
    ],
)
def test_bad_review_details_are_refused_beside_the_field(
    admin_client, client, reviewed_page, field, value, message
):
    url, data = edit_form_data(admin_client, reviewed_page)
    data[field] = value
    data["benefits-0-value"] = rich_text("<p>This must not go live.</p>")
    data["action-publish"] = "publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    wrapper = (
        parse(response).select_one(f"[name='{field}']").find_parent(attrs={"data-field": True})
    )
    assert message in wrapper.get_text()
    page = ProcedurePage.objects.get(pk=reviewed_page.pk)
    assert (page.next_review_due, page.reviewed_by_id) == (
        reviewed_page.next_review_due,
        reviewed_page.reviewed_by_id,
    )
    assert "This must not go live." not in benefits_text(client, page)


def test_workflow_pages_are_the_tree_below_the_root(home):
    # The workflow is set on the tree's root, so pages added later are covered too.
    assert Page.get_first_root_node().get_workflow().name == "Clinical review"


def test_the_review_line_costs_no_extra_query(client, contact, procedure_page, clinician):
    from .test_query_counts import count_queries

    never_reviewed = count_queries(client, procedure_page.url)
    procedure_page.last_reviewed = datetime.date(2026, 3, 2)
    procedure_page.reviewed_by = clinician
    publish(procedure_page)
    assert review_line(client, procedure_page)
    assert count_queries(client, procedure_page.url) == never_reviewed


def test_an_editor_cannot_change_a_live_reference_without_review(editor_client, reference):
    url = reverse("wagtailsnippets_content_reference:edit", args=(reference.pk,))
    response = editor_client.post(url, {"authors": "Someone else", "title": reference.title})
    assert response.status_code in (302, 403)
    reference.refresh_from_db()
    assert reference.authors == "Bagla S, et al."
