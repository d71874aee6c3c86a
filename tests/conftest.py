import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.cache import caches
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from content.organisation.models import BrandSettings, ContactSettings
from content.pages.models import (
    HomePage,
    ProcedurePage,
    ProcedurePageReference,
    Reference,
    StandardPage,
)

# Password hashing a thousand times faster, for the tests only (tests/hashers.py).
django_settings.PASSWORD_HASHERS = ["tests.hashers.QuickPBKDF2PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches (data, whole pages, page fragments), as each test
    starts with an empty database: nothing leaks from one test to the next."""
    for backend in caches.all():
        backend.clear()
    yield
    for backend in caches.all():
        backend.clear()


# The database: SQLite in memory, or PostgreSQL in a throwaway cluster when pytest runs with
# `-p tests.postgres` (tests/postgres.py; make test runs both).


@pytest.fixture(scope="session")
def postgres_cluster(pytestconfig):
    """The suite's PostgreSQL cluster when the run is on PostgreSQL, otherwise None."""
    from tests.postgres import cluster_of

    return cluster_of(pytestconfig)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """pytest-django's test database, and the starter site loaded on it once, at once: before
    any transactional test empties its tables (tests/starter_snapshot.py). Returns that site."""
    from tests.starter_snapshot import take_snapshot

    with django_db_blocker.unblock():
        return take_snapshot(tmp_path_factory.mktemp("starter-media"))


@pytest.fixture(scope="session")
def starter_snapshot(django_db_setup):
    return django_db_setup


@pytest.fixture
def starter(db, starter_snapshot, media_root):
    """The starter content, exactly as load_content leaves it."""
    from tests.starter_snapshot import restore_snapshot

    restore_snapshot(starter_snapshot, media_root)


@pytest.fixture
def starter_site(transactional_db, starter_snapshot, media_root):
    """The starter content, committed (servers in other processes read it), its main pages
    in the menu as editors set them."""
    from tests.starter_snapshot import restore_snapshot

    restore_snapshot(starter_snapshot, media_root)
    Page.objects.filter(depth=3).update(show_in_menus=True)


@pytest.fixture(autouse=True)
def operations_folders(settings, tmp_path):
    """The outage page, backups and nginx's cache folder in the test's own folder too."""
    settings.OUTAGE_DIR = tmp_path / "outage"
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.NGINX_CACHE_DIR = str(tmp_path / "nginx-pages")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to a folder of the test's own, never the repository's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def parse(response):
    """The HTML a visitor receives, parsed."""
    return BeautifulSoup(response.content, "html.parser")


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def question(asked, answer):
    return {"type": "question", "value": {"question": asked, "answer": f"<p>{answer}</p>"}}


def checklist(heading, entries):
    return {"type": "checklist", "value": {"heading": heading, "entries": entries}}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def brand(db):
    return BrandSettings.objects.create(
        program_name="Test Spine Program", hospital_name="Test Hospital", accent_colour="#004a80"
    )


@pytest.fixture
def contact(brand):
    return ContactSettings.objects.create(
        phone="555-0100",
        fax="555-0101",
        emergency_instruction="Call 911 if you cannot move your legs.",
        footer_disclaimer="General information only.",
    )


@pytest.fixture
def home(db):
    """A HomePage as the default site's root, as load_content leaves it."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Spine Tumor Program", slug="spine", summary="We help.")
    )
    publish(home)
    Site.objects.update(root_page=home)
    return home


@pytest.fixture
def reference(db):
    return Reference.objects.create(
        authors="Bagla S, et al.",
        title="Multicenter prospective clinical series",
        publication="CardioVascular and Interventional Radiology",
        year=2016,
        details="39(9)",
    )


@pytest.fixture
def procedure_page(home, reference):
    """A procedure page with every section filled in."""
    page = ProcedurePage(
        title="Spinal tumor ablation",
        slug="star",
        summary="A small procedure that can ease pain from cancer in the spine.",
        benefits=[paragraph("You may have less pain within two days.")],
        how_it_works=[paragraph("A thin probe heats the tumor.")],
        other_treatments=[paragraph("Radiation therapy is often the first treatment.")],
        before=[paragraph("Do not eat for six hours.")],
        on_the_day=[paragraph("You get numbing medicine.")],
        after=[paragraph("Most people go home the same day.")],
        getting_ready=[checklist("What to bring", ["Your insurance card"])],
        at_home=[paragraph("Do not drive for 24 hours.")],
        recovery_and_results=[paragraph("Many people walk more easily.")],
        risks=[paragraph("About 3 in 100 people have a problem.")],
        questions_to_ask=[checklist("", ["What are the risks for me?"])],
        questions=[question("Will I be awake?", "You will be drowsy.")],
        costs=[paragraph("Your insurer may need to approve it first.")],
    )
    home.add_child(instance=page)
    page.page_references = [ProcedurePageReference(reference=reference)]
    return publish(page)


@pytest.fixture
def standard_page(home):
    page = StandardPage(
        title="Accessibility statement",
        slug="accessibility",
        summary="How we make this site work for everyone.",
        body=[paragraph("Call us if something does not work for you.")],
    )
    home.add_child(instance=page)
    return publish(page)


def block_form_data(block, value):
    """A block value as the admin's form submits it (the reverse of Wagtail's widgets)."""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source)
    if isinstance(block, blocks.StreamBlock):
        return streamfield(
            [(child.block_type, block_form_data(child.block, child.value)) for child in value]
        )
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child, value[name]) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        items = {
            str(i): {
                "value": block_form_data(block.child_block, item),
                "deleted": "",
                "order": str(i),
            }
            for i, item in enumerate(value)
        }
        return {**items, "count": str(len(items))}
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    if isinstance(block, blocks.ChooserBlock):
        return str(value.pk) if value else ""
    return "" if value is None else str(value)


def page_form_data(client, url, page):
    """The page editor form at url as the browser posts it, its stream fields holding page's.

    Wagtail builds stream fields in the browser, so their values come from page itself.
    """
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            data.update(nested_form_data({field.name: block_form_data(field.stream_block, value)}))
    return url, data


def edit_form_data(admin_client, page):
    """The page's edit form as an editor's browser would post it, unchanged."""
    return page_form_data(admin_client, reverse("wagtailadmin_pages:edit", args=(page.pk,)), page)


# Clinical governance: staff in the groups that content/pages/migrations/0004 sets up.


def staff_member(username, group_name):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="not-used-in-tests"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return staff_member("editor", "Editors")


@pytest.fixture
def reviewer(db):
    return staff_member("reviewer", "Clinical reviewers")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(editor, reviewer):
    from django.test import Client

    reviewer_client = Client()
    reviewer_client.force_login(reviewer)
    return reviewer_client


@pytest.fixture
def clinician(db):
    from content.review.models import Clinician

    return Clinician.objects.create(name="Test Reviewer", credentials="MD")


# Spanish beside English (content/translations/): a translation as load_content and
# wagtail-localize make one, a copy in the Spanish locale under the Spanish parent.


def spanish_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="es")


def translate(page, live=True, **fields):
    """The page's Spanish version with the given fields, published unless live=False."""
    copy = page.specific.copy_for_translation(spanish_locale())
    for name, value in fields.items():
        setattr(copy, name, value)
    if not live:
        copy.save_revision()
        return copy
    return publish(copy)


@pytest.fixture
def spanish_home(home):
    return translate(
        home,
        title="Programa de Tumores de la Columna",
        summary="Le ayudamos.",
        translation_checked_by="Ana Ruiz, CHI-Spanish",
    )


@pytest.fixture
def spanish_procedure(spanish_home, procedure_page):
    """The procedure page in Spanish, checked by a translator."""
    return translate(
        procedure_page,
        title="Ablación de tumores de la columna",
        slug="procedimiento-star",
        summary="Un procedimiento pequeño que puede aliviar el dolor del cáncer en la columna.",
        benefits=[paragraph("Puede tener menos dolor en dos días.")],
        translation_checked_by="Ana Ruiz, CHI-Spanish",
    )
