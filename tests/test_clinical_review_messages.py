"""Workflow messages say what happened: "Sent for clinical review", "Approved and
published", "Sent back for changes", never Wagtail's "submitted for moderation", whichever
view the action came from (the edit form, the create form, the dashboard's buttons)."""

import json

from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from content.pages.models import ProcedurePage, StandardPage

from .conftest import edit_form_data, page_form_data
from .test_clinical_review import NEW_TEXT
from .test_clinical_review_four_eyes import (
    approve_from_edit_form,
    messages_text,
    workflow_action_url,
)


def submit(client, page):
    url, data = edit_form_data(client, page)
    data["benefits-0-value"] = rich_text(f"<p>{NEW_TEXT}</p>")
    data["action-submit"] = "submit"
    return client.post(url, data, follow=True)


def test_sending_for_review_says_so(editor_client, procedure_page):
    text = messages_text(submit(editor_client, procedure_page))
    assert "Sent for clinical review: “Spinal tumor ablation”." in text
    assert "moderation" not in text


def test_creating_and_sending_for_review_says_so(editor_client, home):
    url = reverse("wagtailadmin_pages:add", args=("content", "standardpage", home.pk))
    _, data = page_form_data(editor_client, url, StandardPage(title="", summary=""))
    data.update({"title": "Parking", "slug": "parking", "summary": "Where to park."})
    data["action-submit"] = "submit"
    text = messages_text(editor_client.post(url, data, follow=True))
    assert "Sent for clinical review: “Parking”." in text
    assert "moderation" not in text


def test_approving_from_the_edit_form_says_approved_and_published(
    editor_client, reviewer_client, procedure_page, clinician
):
    submit(editor_client, procedure_page)
    response = approve_from_edit_form(
        reviewer_client, procedure_page, reviewed_by=str(clinician.pk)
    )
    text = messages_text(response)
    assert "Approved and published: “Spinal tumor ablation”, reviewed by Test Reviewer, MD." in text
    assert "has been updated" not in text


def test_approving_from_the_dashboard_says_approved_and_published(
    editor_client, reviewer_client, reviewer, procedure_page, clinician
):
    clinician.user = reviewer
    clinician.save()
    submit(editor_client, procedure_page)
    response = reviewer_client.post(
        workflow_action_url(procedure_page), {"comment": ""}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "Approved and published: “Spinal tumor ablation”, reviewed by Test Reviewer, MD." in (
        messages_text(response)
    )


def test_the_dashboards_approve_dialog_is_sent_to_the_same_message(
    editor_client, reviewer_client, reviewer, procedure_page, clinician
):
    clinician.user = reviewer
    clinician.save()
    submit(editor_client, procedure_page)
    response = reviewer_client.post(
        workflow_action_url(procedure_page),
        {"comment": "Checked."},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    redirect = json.loads(response.content)["redirect"]
    text = messages_text(reviewer_client.get(redirect, follow=True))
    assert "Approved and published" in text
    assert ProcedurePage.objects.get(pk=procedure_page.pk).live_revision.content["reviewed_by"]


def test_requesting_changes_says_sent_back(editor_client, reviewer_client, procedure_page):
    submit(editor_client, procedure_page)
    response = reviewer_client.post(
        workflow_action_url(procedure_page, "reject"), {"comment": "Add numbers."}, follow=True
    )
    assert "Sent back for changes: “Spinal tumor ablation”. Its editor has been told." in (
        messages_text(response)
    )


def test_requesting_changes_from_the_edit_form_says_sent_back(
    editor_client, reviewer_client, procedure_page
):
    submit(editor_client, procedure_page)
    page = ProcedurePage.objects.get(pk=procedure_page.pk)
    url, data = edit_form_data(reviewer_client, page.get_latest_revision_as_object())
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "reject"
    data["workflow-action-extra-data"] = json.dumps({"comment": "Add numbers."})
    text = messages_text(reviewer_client.post(url, data, follow=True))
    assert "Sent back for changes: “Spinal tumor ablation”." in text
    assert "has been updated" not in text


def test_the_emails_say_what_happened_too(editor_client, reviewer_client, procedure_page):
    from django.core import mail

    submit(editor_client, procedure_page)
    assert 'Sent for clinical review: "Spinal tumor ablation"' in {m.subject for m in mail.outbox}
    mail.outbox.clear()
    reviewer_client.post(workflow_action_url(procedure_page, "reject"), {"comment": "Numbers."})
    assert [m.subject for m in mail.outbox] == ['Sent back for changes: "Spinal tumor ablation"']
