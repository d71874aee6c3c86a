"""Four eyes in Clinical review: nobody approves a change they sent for review or made
themselves, from any view, including the edit form's own action menu. A refused approval
says why, changes nothing, and is in the audit log. An approved page names its clinician.

Everything goes through Wagtail's admin views in real sessions (conftest.py's Editor and
Clinical reviewer, a second reviewer and a superuser made here).
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import rich_text

from content.pages.models import ProcedurePage
from content.review.signoff import APPROVAL_REFUSED

from .conftest import edit_form_data, parse, staff_member
from .test_clinical_review import NEW_TEXT, benefits_text, submit_change


@pytest.fixture
def second_reviewer_client(db):
    client = Client()
    client.force_login(staff_member("second_reviewer", "Clinical reviewers"))
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def workflow_action_url(page, action="approve"):
    page = ProcedurePage.objects.get(pk=page.pk)
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, action, page.current_workflow_task_state.pk),
    )


def approve_from_edit_form(client, page, comment="", **changes):
    """The edit form's "Approve and publish", as the browser posts it."""
    url, data = edit_form_data(
        client, ProcedurePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    )
    data.update(changes)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    data["workflow-action-extra-data"] = json.dumps({"comment": comment})
    return client.post(url, data, follow=True)


def messages_text(response):
    return " ".join(li.get_text(" ", strip=True) for li in parse(response).select(".messages li"))


def refusals(page):
    return list(PageLogEntry.objects.filter(page=page, action=APPROVAL_REFUSED))


def state_of(page):
    page = ProcedurePage.objects.get(pk=page.pk)
    return page, page.current_workflow_state, page.get_latest_revision()


def reviewer_submits_own_change(reviewer_client, page):
    """A clinical reviewer may edit and send for review too."""
    return submit_change(reviewer_client, page)


# The case: change the page and approve it in one request ----------------------


def test_a_reviewer_cannot_change_a_page_and_approve_it_in_one_request(
    editor_client, reviewer_client, reviewer, client, procedure_page, clinician
):
    page = submit_change(editor_client, procedure_page)
    _, _, revision_before = state_of(page)

    response = approve_from_edit_form(
        reviewer_client,
        page,
        reviewed_by=str(clinician.pk),
        **{"benefits-0-value": rich_text("<p>The reviewer's own words.</p>")},
    )

    text = messages_text(response)
    assert "was not approved" in text and "Nothing was saved" in text
    page, state, revision = state_of(page)
    assert revision == revision_before  # nothing saved: no version by the reviewer
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "The reviewer's own words." not in benefits_text(client, page)
    assert NEW_TEXT not in benefits_text(client, page)  # not published either
    [entry] = refusals(page)
    assert entry.user == reviewer
    assert "cannot carry changes" in entry.data["reason"]


def test_a_reviewer_who_changed_the_page_cannot_approve_it_from_the_edit_form(
    editor_client, reviewer_client, reviewer, client, procedure_page, clinician
):
    page = submit_change(editor_client, procedure_page)
    # The reviewer saves a change of their own as a draft while the page is in review.
    url, data = edit_form_data(reviewer_client, page.get_latest_revision_as_object())
    data["benefits-0-value"] = rich_text("<p>A reviewer's draft.</p>")
    assert reviewer_client.post(url, data).status_code == 302
    _, _, revision_before = state_of(page)

    response = approve_from_edit_form(reviewer_client, page, reviewed_by=str(clinician.pk))

    assert "You made changes to “Spinal tumor ablation” that are not live yet" in (
        messages_text(response)
    )
    page, state, revision = state_of(page)
    assert revision == revision_before and revision.content["reviewed_by"] is None
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "A reviewer's draft." not in benefits_text(client, page)
    assert [entry.user for entry in refusals(page)] == [reviewer]


def test_the_person_who_sent_it_cannot_approve_it_from_the_workflow_action_view(
    reviewer_client, reviewer, client, procedure_page, clinician
):
    clinician.user = reviewer
    clinician.save()
    page = reviewer_submits_own_change(reviewer_client, procedure_page)

    response = reviewer_client.post(workflow_action_url(page), {"comment": ""}, follow=True)

    assert "You sent “Spinal tumor ablation” for clinical review" in messages_text(response)
    page, state, _ = state_of(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert NEW_TEXT not in benefits_text(client, page)
    assert page.last_reviewed is None
    assert len(refusals(page)) == 1


def test_a_superuser_cannot_approve_their_own_change_either(
    admin_client, client, procedure_page, clinician
):
    page = submit_change(admin_client, procedure_page)
    approve_from_edit_form(admin_client, page, reviewed_by=str(clinician.pk))
    page, state, _ = state_of(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert NEW_TEXT not in benefits_text(client, page)


def test_another_reviewer_approves_it(
    reviewer_client, second_reviewer_client, client, procedure_page, clinician
):
    page = reviewer_submits_own_change(reviewer_client, procedure_page)
    response = approve_from_edit_form(second_reviewer_client, page, reviewed_by=str(clinician.pk))
    assert "Approved and published" in messages_text(response)
    page, state, _ = state_of(page)
    assert state is None
    assert NEW_TEXT in benefits_text(client, page)
    assert page.reviewed_by == clinician
    assert refusals(page) == []


# What the author is offered --------------------------------------------------------------


def approve_buttons(response):
    soup = parse(response)
    return soup.select(
        "[data-workflow-action-name='approve'], [data-workflow-action-url*='/approve/']"
    )


def test_the_author_is_offered_no_approve_button(
    reviewer_client, second_reviewer_client, procedure_page
):
    page = reviewer_submits_own_change(reviewer_client, procedure_page)
    assert approve_buttons(reviewer_client.get(edit_url(page))) == []
    assert approve_buttons(reviewer_client.get(reverse("wagtailadmin_home"))) == []
    assert approve_buttons(second_reviewer_client.get(edit_url(page)))
    assert approve_buttons(second_reviewer_client.get(reverse("wagtailadmin_home")))


# The clinician who reviewed it ---------------------------------------------------------


def test_approval_without_a_clinician_is_refused(
    editor_client, reviewer_client, reviewer, client, procedure_page
):
    page = submit_change(editor_client, procedure_page)
    response = reviewer_client.post(workflow_action_url(page), {"comment": ""}, follow=True)
    assert "must name the clinician who reviewed it" in messages_text(response)
    page, state, _ = state_of(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.reviewed_by is None and NEW_TEXT not in benefits_text(client, page)
    assert [entry.user for entry in refusals(page)] == [reviewer]


def test_a_linked_reviewer_is_filled_in_as_the_reviewer(
    editor_client, reviewer_client, reviewer, procedure_page, clinician
):
    from content.review.models import Clinician

    Clinician.objects.create(name="Someone Else", credentials="MD")
    clinician.user = reviewer
    clinician.save()
    page = submit_change(editor_client, procedure_page)
    approve_from_edit_form(reviewer_client, page)  # "Reviewed by" left as it was: empty
    page, _, _ = state_of(page)
    assert page.reviewed_by == clinician
    assert NEW_TEXT in page.get_latest_revision_as_object().benefits.render_as_block()


def test_a_clinician_chosen_while_approving_is_named(
    editor_client, reviewer_client, reviewer, procedure_page, clinician
):
    from content.review.models import Clinician

    other = Clinician.objects.create(name="Dr Other", credentials="MD", user=None)
    clinician.user = reviewer
    clinician.save()
    page = submit_change(editor_client, procedure_page)
    approve_from_edit_form(reviewer_client, page, reviewed_by=str(other.pk))
    page, _, _ = state_of(page)
    assert page.reviewed_by == other


# Glossary terms: the same workflow, the same rule ----------------------------------------


def test_nobody_approves_their_own_glossary_term(reviewer_client, second_reviewer_client, db, home):
    from content.glossary.models import GlossaryTerm

    url = reverse("wagtailsnippets_glossary_glossaryterm:add")
    data = {"term": "Probe", "definition": "A thin tool.", "other_forms": ""}
    reviewer_client.post(url, {**data, "action-submit": "submit"})
    term = GlossaryTerm.objects.get(term="Probe")
    approve_url = reverse(
        "wagtailsnippets_glossary_glossaryterm:workflow_action",
        args=(term.pk, "approve", term.current_workflow_task_state.pk),
    )
    reviewer_client.post(approve_url, {"comment": ""})
    term.refresh_from_db()
    assert not term.live

    edit_url = reverse("wagtailsnippets_glossary_glossaryterm:edit", args=(term.pk,))
    approval = {**data, "action-workflow-action": "true", "workflow-action-name": "approve"}
    reviewer_client.post(edit_url, approval)
    term.refresh_from_db()
    assert not term.live

    response = second_reviewer_client.post(edit_url, approval, follow=True)
    term.refresh_from_db()
    assert term.live
    assert "Approved and published: “Probe”." in messages_text(response)


def test_the_version_under_review_sent_back_unchanged_is_no_change(
    editor, second_reviewer_client, client, procedure_page, clinician
):
    """The editor makes new paragraph keys and block ids for text stored without them
    (as the starter content is): approving what it sends back unchanged is no change."""
    page = ProcedurePage.objects.get(pk=procedure_page.pk)
    page.benefits = [("paragraph", rich_text_value(f"<p>{NEW_TEXT}</p>"))]
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    assert "data-block-key" not in str(page.get_latest_revision().content["benefits"])

    response = approve_from_edit_form(second_reviewer_client, page, reviewed_by=str(clinician.pk))

    assert "Approved and published" in messages_text(response)
    assert NEW_TEXT in benefits_text(client, page)


def rich_text_value(html):
    from wagtail.rich_text import RichText

    return RichText(html)
