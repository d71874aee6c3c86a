"""The database goes away while the site is serving, and comes back.

The production stack on the suite's database: nginx with deploy/nginx.conf in front of
gunicorn with gunicorn.conf.py. On PostgreSQL the database is a cluster of its own, holding a
copy of the test database, and is really stopped (pg_ctl stop) and started again; on SQLite
the database file's folder goes away (an unmounted volume) and comes back.

While it is down: pages ever served are still served, everything else answers 503 with
Retry-After and the outage page (phone numbers, 911), a form that was being sent is shown
back, the admin says the database is unavailable, /healthz is 200 and /readyz 503. When it is
back, the site recovers by itself within 5 seconds (CONN_HEALTH_CHECKS), with the same
gunicorn workers.
"""

import re
import time
from pathlib import Path

import pytest
from django.db import connection

from .servers import PostgresCluster, app_environment, copy_database
from .site_fixtures import (  # noqa: F401 (fixtures)
    MESSAGE,
    Visitor,
    form_answers,
    outage_stack,
    wait_for,
)

SERVED = ["/", "/star-procedure/", "/for-referring-physicians/"]
NEVER_SERVED = ["/glossary/", "/search/?q=walking", "/robots.txt", "/no-such-page/", "/ask-us/"]
RECOVERY_SECONDS = 5


class SqliteDatabase:
    """The database file in a folder that can be taken away and brought back."""

    def __init__(self, folder):
        self.folder = Path(folder) / "database"
        self.folder.mkdir()
        copy_database(connection, self.folder)
        self.url = f"sqlite:///{self.folder / 'db.sqlite3'}"
        self.environment = {"DATABASE_CONN_MAX_AGE": 0}  # each request opens the file

    def stop(self):
        self.folder.rename(self.folder.with_name("database-away"))

    def start(self):
        self.folder.with_name("database-away").rename(self.folder)

    def remove(self):
        pass


class PostgresDatabase:
    """A cluster of its own (stopping the suite's would stop the suite)."""

    def __init__(self, source):
        self.cluster = PostgresCluster.throwaway().start()
        self.url = self.cluster.copy_database(source, connection.settings_dict["NAME"], "star")
        self.environment = {}

    def stop(self):
        self.cluster.stop()

    def start(self):
        self.cluster.start()

    def remove(self):
        self.cluster.remove()


@pytest.fixture
def database(starter_site, tmp_path, postgres_cluster):
    copy = PostgresDatabase(postgres_cluster) if postgres_cluster else SqliteDatabase(tmp_path)
    yield copy
    copy.remove()


@pytest.fixture
def stack(database, tmp_path):
    environment = app_environment(
        tmp_path, database.url, ENQUIRY_MIN_SECONDS=0, **database.environment
    )
    yield from outage_stack(environment, tmp_path)


def assert_outage_page(answer):
    assert answer.status == 503, answer.text[:300]
    assert answer.headers["Retry-After"] == "30"
    assert "no-store" in answer.headers["Cache-Control"]
    assert "Our website is not working right now" in answer.text
    assert 'href="tel:5550100"' in answer.text and "555-0102" in answer.text  # both numbers
    assert "call 911" in answer.text
    assert "Traceback" not in answer.text and "OperationalError" not in answer.text


def test_a_database_outage_and_the_recovery(database, stack):
    gunicorn, nginx = stack
    visitor = Visitor()
    for path in SERVED:
        assert visitor.get(nginx.url + path).status == 200
    form = visitor.get(nginx.url + "/ask-us/")
    editor = Visitor(Cookie="sessionid=an-editors-session")

    database.stop()
    time.sleep(2.1)  # nginx's micro-cache has expired: Django's page cache answers
    for path in SERVED:
        page = Visitor().get(nginx.url + path)
        assert page.status == 200 and "<h1" in page.text, path
        # As nginx asks (its host, gzip): Django's page cache answers, without the database.
        behind_nginx = Visitor(Host=f"127.0.0.1:{nginx.port}", **{"Accept-Encoding": "gzip"})
        assert behind_nginx.get(gunicorn.url + path).headers["X-Wagtail-Cache"] == "hit"
    for path in NEVER_SERVED:
        assert_outage_page(Visitor().get(nginx.url + path))

    sent = visitor.post(nginx.url + "/ask-us/", form_answers(form.text))
    assert_outage_page(sent)
    assert "What you wrote has not been sent" in sent.text
    assert MESSAGE in sent.text
    assert "csrfmiddlewaretoken" not in sent.text

    admin = editor.get(nginx.url + "/admin/pages/")
    assert admin.status == 503 and admin.headers["Retry-After"] == "30"
    assert "<h1>Database unavailable</h1>" in admin.text
    assert "not</strong> saved" in admin.text

    assert Visitor().get(nginx.url + "/healthz").text == "ok\n"
    ready = Visitor().get(nginx.url + "/readyz")
    assert (ready.status, ready.text) == (503, "not ready\n")

    workers = sorted(gunicorn.workers())
    database.start()
    recovered = wait_for(lambda: Visitor().get(nginx.url + "/glossary/").status == 200, 15)
    assert recovered is not None and recovered <= RECOVERY_SECONDS, recovered
    print(f"\nRecovered {recovered:.2f} s after the database came back")  # pytest -s
    for path in NEVER_SERVED[1:]:
        assert Visitor().get(nginx.url + path).status in (200, 404), path
    assert Visitor().get(nginx.url + "/readyz").status == 200
    assert sorted(gunicorn.workers()) == workers  # nothing was restarted


def test_the_outage_page_is_written_from_the_contact_details(database, stack, tmp_path):
    html = (tmp_path / "outage" / "outage.html").read_text()
    assert "555-0100" in html and "555-0102" in html
    assert "Monday to Friday" in html  # the opening hours
    assert not re.search(r"<(link|script|img|style)\b", html)  # stands alone
