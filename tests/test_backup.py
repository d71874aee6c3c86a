"""manage.py backup and manage.py restore: the database and the media together, on the
suite's database (SQLite, or PostgreSQL with --database=postgres), and every cache emptied.

The round trip: what the site held at the backup (pages, revisions, users, enquiries, images
and their files) is exactly what it holds after the restore, whatever changed in between.
"""

import hashlib
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.contrib.forms.models import FormSubmission
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from .conftest import paragraph, publish

pytestmark = pytest.mark.django_db(transaction=True)


def files_in(folder):
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def snapshot(media_root):
    """Everything the round trip must bring back, as plain values."""
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "title", "slug", "live", "url_path", "latest_revision_id"
            )
        ),
        "revisions": list(
            Revision.objects.order_by("pk").values_list("pk", "object_id", "content")
        ),
        "users": list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("pk", "username", "email", "password", "is_superuser")
        ),
        "submissions": list(
            FormSubmission.objects.order_by("pk").values_list("pk", "page_id", "form_data")
        ),
        "images": list(get_image_model().objects.order_by("pk").values_list("pk", "title", "file")),
        "media": files_in(media_root),
    }


def procedure():
    return Page.objects.get(slug="star-procedure").specific


@pytest.fixture
def site_with_everything(starter_site, media_root):
    """Beyond the starter: a staff account, an enquiry, a second revision, a rendition."""
    get_user_model().objects.create_user("coordinator", "c@example.org", "a-long-password-1")
    FormSubmission.objects.create(
        page=Page.objects.get(slug="ask-us"), form_data={"your_message": "Before the backup"}
    )
    page = procedure()
    page.benefits = [paragraph("Benefits as they were at the backup.")]
    publish(page)
    image = get_image_model().objects.order_by("pk").first()
    image.get_rendition("width-400")
    return image


def change_everything(image, media_root):
    """What happens after a backup: edits, a deletion, new accounts, enquiries and files."""
    page = procedure()
    page.benefits = [paragraph("Benefits written after the backup.")]
    publish(page)
    Page.objects.get(slug="accessibility").delete()
    get_user_model().objects.create_user("newcomer", "n@example.org", "a-long-password-2")
    get_user_model().objects.filter(username="coordinator").update(email="changed@example.org")
    FormSubmission.objects.create(
        page=Page.objects.get(slug="ask-us"), form_data={"your_message": "After the backup"}
    )
    Path(image.file.path).write_bytes(b"overwritten")
    image.delete()
    (Path(media_root) / "original_images" / "new-upload.png").write_bytes(b"\x89PNG new")


class PurgeRecorder(BaseHTTPRequestHandler):
    """A CDN's purge endpoint (FRONTEND_CACHE=http): records what it is asked to purge."""

    purged = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()


def test_a_restore_brings_back_exactly_what_was_backed_up(site_with_everything, media_root):
    before = snapshot(media_root)
    assert before["images"] and before["submissions"] and len(before["revisions"]) > 1
    assert any(name.startswith("images/") for name in before["media"])  # the rendition

    call_command("backup", verbosity=0)
    (archive,) = Path(media_root).parent.joinpath("backups").glob("star-backup-*.tar.gz")
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names
    assert any(name.startswith("database.") for name in names)
    assert any(name.startswith("media/original_images/") for name in names)

    change_everything(site_with_everything, media_root)
    assert snapshot(media_root) != before

    call_command("restore", str(archive), interactive=False, verbosity=0)
    after = snapshot(media_root)
    for part in before:
        assert after[part] == before[part], part


def test_a_restore_empties_every_cache_nginx_and_the_cdn(
    site_with_everything, media_root, settings, cdn
):
    visitor = Client()
    archive = Path(media_root).parent / "site.tar.gz"
    call_command("backup", output=str(archive), verbosity=0)

    change_everything(site_with_everything, media_root)
    url = procedure().url
    assert "Benefits written after the backup." in visitor.get(url).text
    assert visitor.get(url)["X-Wagtail-Cache"] == "hit"  # the page cache holds the new text
    for alias in settings.CACHES:
        caches[alias].set("left-over", "from after the backup")
    nginx_copy = Path(settings.NGINX_CACHE_DIR) / "a" / "bc" / "0123abc"
    nginx_copy.parent.mkdir(parents=True)
    nginx_copy.write_text("a page nginx kept from after the backup")
    cdn.clear()

    call_command("restore", str(archive), interactive=False, verbosity=0)

    for alias in settings.CACHES:
        assert caches[alias].get("left-over") is None, alias
    assert list(Path(settings.NGINX_CACHE_DIR).iterdir()) == []
    page = visitor.get(url)
    assert page["X-Wagtail-Cache"] == "miss"
    assert "Benefits as they were at the backup." in page.text
    assert "Benefits written after the backup." not in page.text
    assert visitor.get(Page.objects.get(slug="accessibility").url).status_code == 200
    live_paths = {page.url for page in Page.objects.live().specific() if page.url}
    assert live_paths <= set(cdn) and url in cdn


def test_a_restore_refuses_what_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz"):
        pass
    with pytest.raises(CommandError, match="not a backup made by manage.py backup"):
        call_command("restore", str(bogus), interactive=False)
