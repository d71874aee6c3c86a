"""/healthz and /readyz: 200 or 503, never cached, and nothing an attacker could use.

Through Django's whole middleware stack here; tests/test_outage.py and
tests/test_cache_failure.py ask real servers while their database or cache is down.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content.serving.cache_backends import FileBasedCache

NOTHING_TO_SEE = ("database", "cache", "media", "Traceback", "Error", "sqlite", "postgres")


def check_plain(response, status, text):
    assert response.status_code == status
    assert response.content.decode() == text + "\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "X-Wagtail-Cache" not in response  # the page cache never saw it
    assert "Set-Cookie" not in response


def test_healthz_answers_without_touching_the_database(db, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    check_plain(response, 200, "ok")
    assert len(queries) == 0


def test_health_checks_answer_any_host_over_plain_http(db, settings):
    """A load balancer asks by address, over http, before the HTTPS redirect."""
    settings.ALLOWED_HOSTS = ["star.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    balancer = Client(HTTP_HOST="10.0.0.5:8000")
    check_plain(balancer.get("/healthz"), 200, "ok")
    check_plain(balancer.get("/readyz"), 200, "ready")
    assert balancer.get("/").status_code == 400  # everything else still checks the host


def test_readyz_is_ready_when_the_database_cache_and_media_take_writes(db, client):
    check_plain(client.get("/readyz"), 200, "ready")
    check_plain(client.get("/readyz"), 200, "ready")  # twice: never served from a cache


def test_readyz_is_not_ready_when_media_cannot_be_written(db, client, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    response = client.get("/readyz")
    check_plain(response, 503, "not ready")
    assert not any(word.lower() in response.content.decode().lower() for word in NOTHING_TO_SEE)


def test_readyz_is_not_ready_when_a_cache_cannot_be_written(db, client, settings, tmp_path):
    blocked = tmp_path / "cache-file"
    blocked.write_text("a file where the cache folder should be")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "content.serving.cache_backends.FileBasedCache",
            "LOCATION": str(blocked),
            "ALIAS": "pages",
        },
    }
    assert isinstance(caches["pages"], FileBasedCache)
    check_plain(client.get("/readyz"), 503, "not ready")


def test_readyz_logs_what_failed_for_the_operator(db, client, settings, tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.MEDIA_ROOT = blocked
    client.get("/readyz")
    assert "Readiness check 'media' failed" in caplog.text


@pytest.mark.parametrize("path", ["/healthz/", "/readyz/x", "/healthz.json"])
def test_only_the_exact_paths_are_health_checks(db, client, path):
    assert client.get(path).content not in (b"ok\n", b"ready\n", b"not ready\n")
