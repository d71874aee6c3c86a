"""A site built before the models moved into one app per capability migrates with nothing
lost: every row, revision, workflow state, permission and log entry.

The fixture (tests/fixtures/site-before-capability-apps.sqlite3, made as its script in the
same folder says) is a site on the old schema with staff work in it: an edited page with
revisions, a page waiting in Clinical review, an enquiry, a draft glossary term, one user
in each group, a redirect and an uploaded image. A copy is migrated by `manage.py migrate`
in its own process, as a deploy would: first to the migration that moved the models
(content.0007), where every table must hold exactly the rows it held before, then to the
latest migration, after which the staff work is read back through the models.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site-before-capability-apps.sqlite3"
MOVED = {
    "contactsettings": "organisation",
    "clinician": "review",
    "reviewreminder": "review",
    "glossaryterm": "glossary",
    "glossarypage": "glossary",
    "enquiryformpage": "enquiries",
    "enquiryformfield": "enquiries",
}
# Rows the migration itself is meant to change.
CHANGED_BY_MIGRATING = {"django_migrations", "django_content_type", "sqlite_sequence"}


# The site migrated here is an SQLite file whichever database the suite runs on, in a process
# of its own: the run on PostgreSQL would repeat exactly what the run on SQLite does.
pytestmark = pytest.mark.database_independent


def manage(database, *args):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_MEDIA_ROOT": str(database.parent / "media"),
        "DJANGO_ENV": "development",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def rows(database):
    """Every table's rows, as sorted lists of tuples."""
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"')))  # noqa: S608
            for table in tables
        }


def content_types(database):
    with sqlite3.connect(database) as connection:
        return {
            (app_label, model): pk
            for pk, app_label, model in connection.execute(
                "SELECT id, app_label, model FROM django_content_type"
            )
        }


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """(rows before, rows after, content types before, after, database path)."""
    database = tmp_path_factory.mktemp("existing-site") / "db.sqlite3"
    shutil.copy(FIXTURE, database)
    before, types_before = rows(database), content_types(database)
    manage(database, "migrate", "--noinput", "content", "0007_move_models_to_capability_apps")
    return before, rows(database), types_before, content_types(database), database


def test_every_row_of_every_table_is_still_there(migrated):
    before, after, *_ = migrated
    assert set(before) <= set(after)
    for table in set(before) - CHANGED_BY_MIGRATING:
        assert after[table] == before[table], table


def test_moved_models_keep_their_content_types_under_their_new_app(migrated):
    _, _, types_before, types_after, _ = migrated
    for model, app in MOVED.items():
        assert types_after[(app, model)] == types_before[("content", model)]
        assert ("content", model) not in types_after
    staying = {key: pk for key, pk in types_before.items() if key[1] not in MOVED}
    assert {key: types_after[key] for key in staying} == staying


CHECKS = """
import json
from django.contrib.auth.models import User
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.models import ModelLogEntry, Page, PageLogEntry, WorkflowState
from content.enquiries.models import EnquiryFormPage
from content.glossary.models import GlossaryTerm
from content.organisation.models import BrandSettings
from content.pages.models import ProcedurePage, StandardPage

procedure = ProcedurePage.objects.get(slug="star-procedure")
waiting = StandardPage.objects.get(slug="accessibility")
state = WorkflowState.objects.active().get()
term = GlossaryTerm.objects.get(term="Sacrum")
users = {user.username: user for user in User.objects.all()}
visitor, admin = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
admin.force_login(users["admin"])
print(json.dumps({
    "page_types": sorted(
        type(page).__name__ for page in Page.objects.filter(depth__gt=1).specific()),
    "procedure_title": procedure.title,
    "procedure_revisions": procedure.revisions.count(),
    "procedure_live_revision_user": procedure.live_revision.user.username,
    "waiting_page": state.content_object.specific.title,
    "waiting_in": state.current_task_state.task.name,
    "waiting_status": state.status,
    "waiting_in_moderation": waiting.workflow_in_progress,
    "enquiries": [s.get_data()["message"] for s in FormSubmission.objects.filter(
        page=EnquiryFormPage.objects.get())],
    "term_live": term.live,
    "term_draft_definition": term.latest_revision.as_object().definition,
    "term_log": [e.action for e in ModelLogEntry.objects.for_instance(term)],
    "term_in_workflow": bool(term.get_workflow()),
    "page_log_entries": PageLogEntry.objects.count(),
    "permissions": {
        "editor": users["editor"].has_perm("glossary.change_glossaryterm"),
        "editor_publish_term": users["editor"].has_perm("glossary.publish_glossaryterm"),
        "reviewer": users["reviewer"].has_perm("review.change_clinician"),
        "siteadmin": users["siteadmin"].has_perm("organisation.change_contactsettings"),
        "coordinator_reads_enquiries": admin.get(
            "/admin/forms/submissions/%d/" % EnquiryFormPage.objects.get().pk).status_code,
    },
    "redirect": Redirect.objects.get(old_path="/old-star").redirect_page_id == procedure.pk,
    "image": Image.objects.get().file.name,
    "served": {path: visitor.get(path).status_code for path in (
        "/", "/star-procedure/", "/glossary/", "/ask-us/", "/accessibility/")},
    "term_edit": admin.get("/admin/snippets/glossary/glossaryterm/edit/%d/" % term.pk).status_code,
    "page_edit": admin.get("/admin/pages/%d/edit/" % waiting.pk).status_code,
    "program_name": BrandSettings.load().program_name,
}))
"""


@pytest.fixture(scope="module")
def read_back(migrated):
    """What the models say after migrating on to the latest migration."""
    *_, database = migrated
    manage(database, "migrate", "--noinput")
    return json.loads(manage(database, "shell", "-c", CHECKS).splitlines()[-1])


def test_pages_keep_their_types_and_revisions(read_back):
    assert read_back["page_types"] == [
        "EnquiryFormPage",
        "GlossaryPage",
        "HomePage",
        "ProcedurePage",
        "ReferrerPage",
        "StandardPage",
    ]
    assert read_back["procedure_title"] == "The STAR procedure (edited)"
    assert read_back["procedure_revisions"] == 3  # loaded, then two edits by the editor
    assert read_back["procedure_live_revision_user"] == "editor"
    assert read_back["page_log_entries"] == 25


def test_the_page_in_clinical_review_is_still_waiting_there(read_back):
    assert read_back["waiting_page"] == "Accessibility statement"
    assert read_back["waiting_in"] == "Clinical review"
    assert read_back["waiting_status"] == "in_progress"
    assert read_back["waiting_in_moderation"] is True


def test_the_draft_glossary_term_keeps_its_revision_log_and_workflow(read_back):
    assert read_back["term_live"] is False
    assert read_back["term_draft_definition"] == "The wide bone at the base of the spine."
    assert read_back["term_log"] == ["wagtail.edit"]
    assert read_back["term_in_workflow"] is True


def test_staff_keep_their_permissions(read_back):
    assert read_back["permissions"] == {
        "editor": True,
        "editor_publish_term": False,
        "reviewer": True,
        "siteadmin": True,
        "coordinator_reads_enquiries": 200,
    }


def test_the_program_name_moves_from_the_contact_details_to_the_brand(read_back):
    assert read_back["program_name"] == "Spine Tumor Program"


def test_enquiries_redirects_and_images_survive(read_back):
    assert read_back["enquiries"] == ["Is STAR right for me?"]
    assert read_back["redirect"] is True
    assert read_back["image"] == "original_images/entrance.png"


def test_the_migrated_site_serves_its_pages_and_admin(read_back):
    assert set(read_back["served"].values()) == {200}
    assert read_back["term_edit"] == 200
    assert read_back["page_edit"] == 200
