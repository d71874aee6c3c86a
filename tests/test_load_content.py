"""`manage.py load_content` builds the starter site once and never overwrites staff's work."""

import json
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Page, PageLogEntry, Revision, Site

from content.enquiries.models import EnquiryFormPage
from content.glossary.models import GlossaryPage
from content.organisation.models import BrandSettings, ContactSettings, VisitingSettings
from content.pages.models import (
    HomePage,
    LanguageHelpPage,
    ProcedurePage,
    Reference,
    ReferrerPage,
    StandardPage,
)
from content.pictures.svg import svg_problems
from content.starter.loader import SIGN_OFF_TAG, STARTER_DIR, read_json

from .conftest import edit_form_data, parse


def load(**options):
    call_command("load_content", verbosity=0, **options)


def snapshot():
    """Everything a run of the loader could change, in comparable form."""
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "references": list(Reference.objects.order_by("pk").values_list("pk", "title")),
        "settings": list(ContactSettings.objects.values()),
        "sites": list(Site.objects.values()),
    }


@pytest.fixture
def loaded(db):
    load()
    return ProcedurePage.objects.get(slug="star-procedure")


def test_creates_every_page_and_setting(loaded, client):
    home = HomePage.objects.get(slug="home")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert {page.specific_class for page in home.get_children().live()} == {
        ProcedurePage,
        StandardPage,
        GlossaryPage,
        ReferrerPage,
        EnquiryFormPage,
        LanguageHelpPage,
    }
    assert StandardPage.objects.get(slug="accessibility").live
    assert StandardPage.objects.get(slug="privacy").live

    settings = ContactSettings.objects.get()
    assert settings.phone == "555-0100" and settings.uses_example_details
    assert settings.emergency_instruction and settings.footer_disclaimer and settings.address

    cited = [reference.authors for reference in loaded.references()]
    assert len(cited) == Reference.objects.filter(locale=home.locale).count() == 5
    for page in (home, loaded, *StandardPage.objects.all()):
        assert client.get(page.url).status_code == 200


def test_the_procedure_page_carries_every_seed_fact(loaded, client):
    text = parse(client.get(loaded.url)).main.get_text(" ", strip=True)
    for fact in (
        "go home the same day",
        "cancer treatments you already get",
        "most radiation you can safely have",
        "radiation-resistant tumors",
        "radiofrequency energy",
        "steers it",
        "less than 90 minutes",
        "local anesthetic",
        "conscious sedation",
        "X-ray pictures",
        "bone cement",
        "compression fracture",
        "24 to 48 hours",
        "6 months later",
        "easier to keep having chemotherapy or radiation",  # not "without a break": uncited
        "3 in 100",
    ):
        assert fact in text, fact


def test_a_second_run_changes_nothing(loaded):
    before = snapshot()
    load()
    assert snapshot() == before


def test_the_starter_fixture_is_the_site_load_content_makes(starter):
    """Most tests start from a copy of load_content's work (tests/starter_snapshot.py):
    loading again on top of the copy finds nothing missing, and every image has its file."""
    before = snapshot()
    load()
    assert snapshot() == before
    images = Image.objects.all()
    assert images and all(Path(image.file.path).is_file() for image in images)


def test_a_page_an_editor_changed_is_left_alone(loaded, admin_client, client):
    url, data = edit_form_data(admin_client, loaded)
    data["benefits-0-value"] = json.dumps(
        {
            "blocks": [{"key": "a", "type": "unstyled", "text": "Edited by the nurse navigator."}],
            "entityMap": {},
        }
    )
    data["action-publish"] = "publish"
    assert admin_client.post(url, data).status_code == 302

    load()
    benefits = parse(client.get(loaded.url)).select_one("#benefits").get_text()
    assert "Edited by the nurse navigator." in benefits


def test_contact_details_staff_changed_are_left_alone(loaded):
    ContactSettings.objects.update(phone="(617) 555-2368")
    load()
    assert ContactSettings.objects.get().phone == "(617) 555-2368"


def test_an_existing_non_starter_site_root_is_not_deleted(db):
    """Only Wagtail's untouched welcome page may be replaced by the home page."""
    welcome = Site.objects.get().root_page
    welcome.add_child(instance=Page(title="A page staff added", slug="news"))
    with pytest.raises(CommandError, match="already exists"):
        load()
    assert Page.objects.filter(pk=welcome.pk).exists()
    assert not HomePage.objects.exists()


def test_bad_starter_data_stops_with_a_clear_error_and_loads_nothing(db, tmp_path):
    shutil.copytree(STARTER_DIR, tmp_path, dirs_exist_ok=True)
    page_file = tmp_path / "pages" / "star-procedure.json"
    data = json.loads(page_file.read_text())
    data["fields"]["benefits"].append({"type": "carousel", "value": {}})
    page_file.write_text(json.dumps(data))

    with pytest.raises(CommandError, match="unknown block type 'carousel'"):
        load(directory=str(tmp_path))
    assert not HomePage.objects.exists()
    assert not ContactSettings.objects.exists()


def example_details_links(admin_client):
    dashboard = parse(admin_client.get(reverse("wagtailadmin_home")))
    panel = dashboard.select_one("#example-contact-details-section")
    return None if panel is None else [link["href"] for link in panel.select("li a")]


def save_setting(model, **values):
    """Change a setting as the admin does: saving it (which empties its cache)."""
    setting = model.objects.get()
    for name, value in values.items():
        setattr(setting, name, value)
    setting.save()


def test_dashboard_asks_staff_to_set_real_contact_details_and_brand(loaded, admin_client):
    contact_url = reverse("wagtailsettings:edit", args=["organisation", "contactsettings"])
    visiting_url = reverse("wagtailsettings:edit", args=["organisation", "visitingsettings"])
    brand_url = reverse("wagtailsettings:edit", args=["organisation", "brandsettings"])
    assert example_details_links(admin_client) == [contact_url, visiting_url, brand_url]

    save_setting(
        ContactSettings,
        phone="(617) 555-2368",
        after_hours_phone="(617) 555-2370",
        fax="(617) 555-2369",
    )
    assert example_details_links(admin_client) == [visiting_url, brand_url]
    save_setting(
        VisitingSettings,
        parking="Park in the Lot C garage.",
        public_transport="The 47 bus stops outside.",
        accessible_entrance="The Main Street entrance has a ramp.",
        price_estimator_url="https://springfield-general.org/estimate",
    )
    # The Spanish directions still name the fictional streets.
    assert example_details_links(admin_client) == [visiting_url, brand_url]
    save_setting(
        VisitingSettings,
        parking_es="Estacione en el garaje del Lote C.",
        public_transport_es="El autobús 47 para enfrente.",
        accessible_entrance_es="La entrada de Main Street tiene una rampa.",
    )
    assert example_details_links(admin_client) == [brand_url]
    save_setting(BrandSettings, hospital_name="Springfield General Hospital")
    assert example_details_links(admin_client) is None


def test_starter_illustrations_are_small_safe_and_described(loaded):
    for item in read_json(STARTER_DIR / "illustrations.json"):
        content = (STARTER_DIR / "images" / item["file"]).read_bytes()
        assert len(content) < 20 * 1024, item["file"]
        assert svg_problems(content) == [], item["file"]
        image = Image.objects.get(title=item["title"])
        assert image.description == item["alt"]
        assert SIGN_OFF_TAG in image.tags.names()


def starter_to_confirm(admin_client):
    panel = parse(admin_client.get(reverse("wagtailadmin_home"))).select_one(
        "#starter-content-to-confirm-section"
    )
    return [] if panel is None else [li.get_text(" ", strip=True) for li in panel.select("li")]


def test_dashboard_lists_starter_content_a_named_person_must_confirm(loaded, admin_client):
    waiting = starter_to_confirm(admin_client)
    assert "Privacy notice : to be checked by your privacy officer" in waiting
    assert (
        "Language help : to be checked by your Section 1557 coordinator (the help the notice "
        "promises)" in waiting
    )
    assert sum("to be checked by a clinician" in line for line in waiting) == 4
    assert (
        "Spinal tumor radiofrequency ablation (the STAR procedure) : to be checked by a "
        "clinician (the advice for at home, and when to call)" in waiting
    )

    editor = get_user_model().objects.get(is_superuser=True)
    for page in (
        StandardPage.objects.get(slug="privacy"),
        ProcedurePage.objects.get(slug="star-procedure"),
        LanguageHelpPage.objects.get(slug="language-help"),
    ):
        page.save_revision(user=editor).publish()
    for image in Image.objects.filter(tags__name=SIGN_OFF_TAG):
        image.tags.remove(SIGN_OFF_TAG)
    assert starter_to_confirm(admin_client) == []


def test_opening_the_dashboard_writes_no_setting_and_keeps_the_page_cache(admin_client, home):
    # Settings nobody has saved yet: the dashboard reads their defaults, never saves them
    # (saving a setting empties the page cache).
    admin_client.get(reverse("wagtailadmin_home"))
    assert not ContactSettings.objects.exists()
    assert not VisitingSettings.objects.exists()
    assert not BrandSettings.objects.exists()
