"""The Spanish enquiry form goes through translation review like every other patient page:
it cannot be published until a qualified medical translator's check is recorded, and it
leaves the dashboard's "Translations to check" once checked.

Through Wagtail's real admin views, as an administrator."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Page

from content.enquiries.models import EnquiryFormPage
from content.translations.forms import NEEDS_CHECK
from content.translations.governance import english_version_date, translation_is_checked

from . import test_enquiry_form as enquiry
from .conftest import edit_form_data, parse, translate
from .test_spanish_content_dashboard import to_check

enquiry_page = enquiry.enquiry_page
CHECKER = "Ana Ruiz, CHI-Spanish"
SPANISH_TITLE = "Pregúntenos"


@pytest.fixture
def unchecked_spanish_form(spanish_home, enquiry_page):
    """A Spanish draft of the form that nobody has checked yet."""
    return translate(enquiry_page, live=False, title=SPANISH_TITLE, slug="preguntenos")


def post_edit(client, page, **changes):
    url, data = edit_form_data(client, page.get_latest_revision_as_object())
    data.update(changes)
    return client.post(url, data)


def text_of(response):
    return " ".join(parse(response).get_text(" ").split())


def test_a_new_spanish_form_records_the_english_version_and_no_checker(
    unchecked_spanish_form, enquiry_page
):
    page = EnquiryFormPage.objects.get(pk=unchecked_spanish_form.pk)
    assert page.translated_from_date == english_version_date(enquiry_page)
    assert page.translation_checked_by == "" and page.translation_checked_on is None
    assert not translation_is_checked(page) and translation_is_checked(enquiry_page)
    # The form's fields came over with it.
    assert page.form_fields.count() == enquiry_page.form_fields.count() > 0


def test_the_spanish_form_cannot_be_published_until_a_translator_has_checked_it(
    admin_client, client, unchecked_spanish_form
):
    page = unchecked_spanish_form
    refused = post_edit(admin_client, page, translation_checked_by="", **{"action-publish": "1"})
    assert refused.status_code == 200
    assert NEEDS_CHECK in text_of(refused)
    assert not Page.objects.get(pk=page.pk).live
    assert client.get("/es/preguntenos/").status_code == 404

    # Publishing is offered once the saved version names its checker: save, then publish.
    saved = post_edit(admin_client, page, translation_checked_by=CHECKER, **{"action-publish": "1"})
    assert saved.status_code == 302
    assert not Page.objects.get(pk=page.pk).live
    published = post_edit(admin_client, page, **{"action-publish": "1"})
    assert published.status_code == 302
    page = EnquiryFormPage.objects.get(pk=page.pk)
    assert page.live and page.translation_checked_by == CHECKER
    assert client.get("/es/preguntenos/").status_code == 200


def test_the_editor_keeps_wagtails_own_checks_on_form_pages():
    """The translation check joins Wagtail's form page checks (no two fields with one
    label), and does not replace them."""
    from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

    from content.translations.forms import TranslatedPageForm

    form_class = EnquiryFormPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, TranslatedPageForm)
    assert issubclass(form_class, WagtailAdminFormPageForm)


def test_nobody_publishes_the_unchecked_spanish_form_outside_the_editor_either(
    admin_client, admin_user, unchecked_spanish_form
):
    page = EnquiryFormPage.objects.get(pk=unchecked_spanish_form.pk)
    assert not page.permissions_for_user(admin_user).can_publish()
    with pytest.raises(PermissionDenied):
        page.get_latest_revision().publish(user=admin_user)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert 'name="action-publish"' not in admin_client.get(url).content.decode()
    page.translation_checked_by = CHECKER
    page.save_revision(user=admin_user)
    assert page.permissions_for_user(admin_user).can_publish()


def test_the_spanish_form_goes_through_translation_review(unchecked_spanish_form):
    assert unchecked_spanish_form.get_workflow().name == "Translation review"


def test_the_spanish_form_leaves_translations_to_check_once_checked(
    admin_client, spanish_home, enquiry_page
):
    # Live and unchecked, as load_content leaves the starter translation.
    page = translate(enquiry_page, title=SPANISH_TITLE, slug="preguntenos")
    assert SPANISH_TITLE in to_check(admin_client)

    page = EnquiryFormPage.objects.get(pk=page.pk)
    page.translation_checked_by = CHECKER
    page.save_revision().publish()
    assert SPANISH_TITLE not in to_check(admin_client)
