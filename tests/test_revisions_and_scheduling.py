"""Editors compare and roll back revisions; scheduled pages go live only through
`manage.py publish_scheduled`, once their time has come."""

import datetime
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision
from wagtail.test.utils.form_data import rich_text

from content.pages.models import ProcedurePage

from .conftest import edit_form_data, page_form_data, parse

OLD_TEXT = "You may have less pain within two days."
NEW_TEXT = "You may walk more easily within two days."


def benefits_text(client, page):
    return parse(client.get(page.url)).select_one("#benefits").get_text(" ", strip=True)


def save_draft(client, page, text):
    url, data = edit_form_data(client, page)
    data["benefits-0-value"] = rich_text(f"<p>{text}</p>")
    assert client.post(url, data).status_code == 302
    return Revision.objects.for_instance(page).latest("created_at", "pk")


def revert_form_data(client, page, revision):
    """The "revert to this revision" editor form, as the browser posts it."""
    url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, revision.pk))
    return page_form_data(client, url, revision.as_object())


def test_an_editor_compares_two_revisions(editor_client, procedure_page):
    first = procedure_page.live_revision
    second = save_draft(editor_client, procedure_page, NEW_TEXT)
    url = reverse(
        "wagtailadmin_pages:revisions_compare", args=(procedure_page.pk, first.pk, second.pk)
    )
    response = editor_client.get(url)
    assert response.status_code == 200
    soup = parse(response)
    assert soup.find(string=lambda s: s and "less pain" in s)
    assert soup.find(string=lambda s: s and "walk more easily" in s)
    assert soup.select(".deletion") and soup.select(".addition")


def test_an_editor_rolls_back_to_an_earlier_revision(
    editor_client, reviewer_client, client, procedure_page
):
    first = procedure_page.live_revision
    save_draft(editor_client, procedure_page, NEW_TEXT)

    url, data = revert_form_data(editor_client, procedure_page, first)
    data["action-submit"] = "submit"  # the rollback, sent for clinical review
    assert editor_client.post(url, data).status_code == 302

    page = ProcedurePage.objects.get(pk=procedure_page.pk)
    latest = page.get_latest_revision_as_object()
    assert OLD_TEXT in latest.benefits[0].value.source
    assert NEW_TEXT not in str(page.get_latest_revision().content)
    assert PageLogEntry.objects.filter(page=page, action="wagtail.revert").exists()
    assert page.current_workflow_state is not None  # in review, as any editor change is


def test_a_scheduled_page_waits_for_publish_scheduled(admin_client, client, procedure_page):
    go_live = timezone.localtime() + datetime.timedelta(hours=2)
    url, data = edit_form_data(admin_client, procedure_page)
    data["benefits-0-value"] = rich_text(f"<p>{NEW_TEXT}</p>")
    data["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")
    data["action-publish"] = "publish"
    assert admin_client.post(url, data).status_code == 302

    scheduled = Revision.objects.for_instance(procedure_page).get(approved_go_live_at__isnull=False)
    assert OLD_TEXT in benefits_text(client, procedure_page)

    call_command("publish_scheduled", stdout=io.StringIO())  # too early: nothing changes
    assert OLD_TEXT in benefits_text(client, procedure_page)

    # Its time comes (moved into the past rather than waiting two hours) ...
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.approved_go_live_at = past
    scheduled.content["go_live_at"] = past.isoformat()
    scheduled.save(update_fields=["approved_go_live_at", "content"])
    assert OLD_TEXT in benefits_text(client, procedure_page)  # ... and only the command
    call_command("publish_scheduled", stdout=io.StringIO())
    assert NEW_TEXT in benefits_text(client, procedure_page)
