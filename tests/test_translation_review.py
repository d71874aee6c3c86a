"""Translation governance: a Spanish page goes live only once a qualified medical translator
has checked it; visitors see who checked it and from which English version; a newer English
approval marks the translation out of date.

Through Wagtail's real admin views, as an Editor, a Medical translator and an administrator.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from content.pages.models import ProcedurePage
from content.translations.forms import NEEDS_CHECK
from content.translations.governance import translation_is_checked

from .conftest import edit_form_data, parse, publish, staff_member, translate

CHECKER = "Ana Ruiz, CHI-Spanish"


@pytest.fixture
def translator(db):
    return staff_member("translator", "Medical translators")


@pytest.fixture
def translator_client(translator):
    from django.test import Client

    translator_client = Client()
    translator_client.force_login(translator)
    return translator_client


@pytest.fixture
def unchecked_spanish_procedure(spanish_home, procedure_page):
    """A Spanish draft nobody has checked yet."""
    return translate(
        procedure_page,
        live=False,
        title="Ablación de tumores de la columna",
        slug="procedimiento-star",
        benefits=[{"type": "paragraph", "value": "<p>Puede tener menos dolor.</p>"}],
    )


def post_edit(client, page, **changes):
    url, data = edit_form_data(client, page.get_latest_revision_as_object())
    data.update(changes)
    return client.post(url, data)


def text_of(response):
    return " ".join(parse(response).get_text(" ").split())


def spanish_text(client, path):
    return text_of(client.get(path))


def test_a_translation_cannot_be_published_until_a_translator_has_checked_it(
    admin_client, client, unchecked_spanish_procedure
):
    page = unchecked_spanish_procedure
    response = post_edit(admin_client, page, translation_checked_by="", **{"action-publish": "1"})
    assert response.status_code == 200
    assert NEEDS_CHECK in text_of(response)
    assert not Page.objects.get(pk=page.pk).live
    assert client.get("/es/procedimiento-star/").status_code == 404

    # Publishing is offered once the version names its checker: save, then publish.
    response = post_edit(
        admin_client, page, translation_checked_by=CHECKER, **{"action-publish": "1"}
    )
    assert response.status_code == 302
    assert not Page.objects.get(pk=page.pk).live
    response = post_edit(admin_client, page, **{"action-publish": "1"})
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).live
    text = spanish_text(client, "/es/procedimiento-star/")
    assert f"Traducción revisada por {CHECKER}." in text


def test_a_translation_may_be_saved_as_a_draft_without_the_check(
    admin_client, unchecked_spanish_procedure
):
    response = post_edit(admin_client, unchecked_spanish_procedure, translation_checked_by="")
    assert response.status_code == 302
    assert not Page.objects.get(pk=unchecked_spanish_procedure.pk).live


def test_spanish_pages_go_through_translation_review(
    spanish_home, unchecked_spanish_procedure, procedure_page
):
    assert unchecked_spanish_procedure.get_workflow().name == "Translation review"
    assert spanish_home.get_workflow().name == "Translation review"
    assert procedure_page.get_workflow().name == "Clinical review"
    [task] = [task.specific for task in unchecked_spanish_procedure.get_workflow().tasks]
    assert [group.name for group in task.groups.all()] == ["Medical translators"]


def submit(editor_client, page):
    response = post_edit(editor_client, page, **{"action-submit": "1"})
    assert response.status_code == 302
    return ProcedurePage.objects.get(pk=page.pk)


def approve(translator_client, page):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", page.current_workflow_task_state.pk),
    )
    return translator_client.post(url, {"comment": ""})


def test_a_translator_cannot_approve_what_names_no_checker(
    editor_client, translator_client, client, unchecked_spanish_procedure
):
    page = submit(editor_client, unchecked_spanish_procedure)
    assert page.current_workflow_task.name == "Translation review"
    approve(translator_client, page)
    page = ProcedurePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.current_workflow_task_state is not None  # still in review
    assert client.get("/es/procedimiento-star/").status_code == 404


def test_a_translators_approval_in_the_editor_needs_the_checker_and_publishes(
    editor_client, translator_client, client, unchecked_spanish_procedure
):
    page = submit(editor_client, unchecked_spanish_procedure)
    approving = {"action-workflow-action": "1", "workflow-action-name": "approve"}
    refused = post_edit(translator_client, page, translation_checked_by="", **approving)
    assert refused.status_code == 200
    assert NEEDS_CHECK in text_of(refused)

    response = post_edit(translator_client, page, translation_checked_by=CHECKER, **approving)
    assert response.status_code == 302
    page = ProcedurePage.objects.get(pk=page.pk)
    assert page.live and page.translation_checked_by == CHECKER
    assert page.translation_checked_on == timezone.localdate()
    # Approving a translation is not a clinical review of it.
    assert page.last_reviewed is None
    assert "Traducción revisada por" in spanish_text(client, "/es/procedimiento-star/")


def test_visitors_see_the_translations_record(client, spanish_procedure, procedure_page):
    procedure_page.last_reviewed = datetime.date(2026, 3, 4)
    publish(procedure_page)
    page = ProcedurePage.objects.get(pk=spanish_procedure.pk)
    page.translated_from_date = datetime.date(2026, 3, 4)
    page.translation_checked_on = datetime.date(2026, 3, 9)
    page.translation_checked_by = CHECKER
    publish(page)
    note = parse(client.get("/es/procedimiento-star/")).select_one(".translation-note")
    text = " ".join(note.get_text(" ").split())
    assert "Traducido del inglés (versión del 4 de marzo de 2026)." in text
    assert f"Traducción revisada por {CHECKER} el 9 de marzo de 2026." in text
    assert "más reciente" not in text


def test_an_unchecked_live_translation_says_so_and_links_to_english(
    client, spanish_home, procedure_page
):
    """load_content's starter Spanish pages are live but not yet checked by a translator."""
    page = translate(procedure_page, title="Ablación", slug="ablacion")
    assert not translation_is_checked(page) and translation_is_checked(procedure_page)
    note = parse(client.get("/es/ablacion/")).select_one(".translation-note")
    assert "todavía no ha revisado esta traducción" in note.get_text()
    assert note.find("a", hreflang="en")["href"] == procedure_page.url


def test_a_new_translation_records_the_english_version_it_follows(spanish_home, procedure_page):
    procedure_page.last_reviewed = datetime.date(2026, 1, 15)
    publish(procedure_page)
    page = procedure_page.copy_for_translation(spanish_home.locale)
    page.refresh_from_db()
    assert page.translated_from_date == datetime.date(2026, 1, 15)
    assert page.translation_checked_by == ""
    draft = page.get_latest_revision_as_object()
    assert draft.translated_from_date == datetime.date(2026, 1, 15)


def test_a_newer_english_approval_marks_the_translation_out_of_date(
    editor_client, reviewer_client, client, spanish_procedure, procedure_page
):
    english = ProcedurePage.objects.get(pk=procedure_page.pk)
    english.last_reviewed = timezone.localdate() - datetime.timedelta(days=60)
    publish(english)
    spanish = ProcedurePage.objects.get(pk=spanish_procedure.pk)
    spanish.translated_from_date = timezone.localdate() - datetime.timedelta(days=30)
    publish(spanish)
    assert "más reciente" not in spanish_text(client, "/es/procedimiento-star/")

    english = ProcedurePage.objects.get(pk=procedure_page.pk)
    english.last_reviewed = timezone.localdate()
    publish(english)  # a clinical approval records last_reviewed, then publishes
    note = parse(client.get("/es/procedimiento-star/")).select_one(".translation-note__newer")
    assert "La versión en inglés de esta página es más reciente." in note.get_text()
    assert note.find("a", hreflang="en")["href"] == english.url


def test_the_editor_offers_the_translation_fields_with_a_clear_label(
    admin_client, spanish_procedure
):
    url = reverse("wagtailadmin_pages:edit", args=(spanish_procedure.pk,))
    html = admin_client.get(url).content.decode()
    for label in ("translated from the English version of", "translation checked by"):
        assert label.lower() in html.lower()


def test_editing_an_english_source_needs_no_checker(admin_client, procedure_page):
    url, data = edit_form_data(admin_client, procedure_page)
    data["benefits-0-value"] = rich_text("<p>A new sentence.</p>")
    data["action-publish"] = "1"
    assert admin_client.post(url, data).status_code == 302


def test_a_translation_recording_no_english_version_claims_nothing_about_it(
    client, spanish_procedure
):
    page = ProcedurePage.objects.get(pk=spanish_procedure.pk)
    page.translated_from_date = None
    publish(page)
    note = parse(client.get("/es/procedimiento-star/")).select_one(".translation-note")
    assert "Traducido del inglés." in note.get_text()
    assert note.select_one(".translation-note__newer") is None


def report_rows(client):
    soup = parse(client.get(reverse("content_review_due")))
    return {
        row.select_one("td a")["href"]: " ".join(row.get_text(" ").split())
        for row in soup.select("table.listing tbody tr")
    }


def test_the_review_report_lists_a_translation_once_its_english_page_is_newer(
    reviewer_client, spanish_procedure, procedure_page
):
    edit_url = reverse("wagtailadmin_pages:edit", args=(spanish_procedure.pk,))
    english = ProcedurePage.objects.get(pk=procedure_page.pk)
    english.last_reviewed = timezone.localdate() - datetime.timedelta(days=60)
    english.next_review_due = timezone.localdate() + datetime.timedelta(days=300)
    publish(english)
    spanish = ProcedurePage.objects.get(pk=spanish_procedure.pk)
    spanish.translated_from_date = english.last_reviewed
    publish(spanish)
    assert edit_url not in report_rows(reviewer_client)

    english.last_reviewed = timezone.localdate()
    publish(english)
    rows = report_rows(reviewer_client)
    assert "Translation out of date" in rows[edit_url]


def test_nobody_publishes_an_unchecked_translation_outside_the_editor_either(
    admin_client, admin_user, unchecked_spanish_procedure
):
    """Not a superuser with wagtail-localize's editor or a bulk action: all of them ask the
    page whether the user may publish it."""
    page = ProcedurePage.objects.get(pk=unchecked_spanish_procedure.pk)
    assert not page.permissions_for_user(admin_user).can_publish()
    with pytest.raises(PermissionDenied):
        page.get_latest_revision().publish(user=admin_user)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert 'name="action-publish"' not in admin_client.get(url).content.decode()
    page.translation_checked_by = CHECKER
    page.save_revision(user=admin_user)
    assert page.permissions_for_user(admin_user).can_publish()
    assert 'name="action-publish"' in admin_client.get(url).content.decode()
