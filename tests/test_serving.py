"""Production serving: gunicorn's settings, and one cache shared by every worker."""

import runpy

import pytest
from django.core.cache import caches

from content.organisation.models import ContactSettings

from .test_production_settings import ROOT, SECRET, manage

PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": SECRET,
    "DJANGO_ALLOWED_HOSTS": "star.example.org",
}
SHOW_CACHES = (
    "from django.conf import settings; "
    'print(*(f\'{k} {v["BACKEND"]} {v["LOCATION"]}\' for k, v in settings.CACHES.items()), '
    "sep='\\n')"
)


def test_gunicorn_reads_workers_from_web_concurrency(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["workers"] == 3
    assert config["timeout"] == 30
    assert config["max_requests"] > 0 and config["max_requests_jitter"] > 0


def test_production_workers_share_a_file_cache_in_the_configured_directory(tmp_path):
    result = manage("shell", "-c", SHOW_CACHES, DJANGO_CACHE_DIR=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    caches = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line}
    for alias in ("default", "pages"):
        backend, location = caches[alias]
        # Django's file cache, failing soft (tests/test_cache_failure.py).
        assert backend == "content.serving.cache_backends.FileBasedCache"
        assert location == str(tmp_path / alias)


def test_frontend_cache_purging_is_off_unless_configured():
    show_backends = "from django.conf import settings; print(settings.WAGTAILFRONTENDCACHE)"
    off = manage("shell", "-c", show_backends)
    assert off.returncode == 0, off.stderr
    assert off.stdout.splitlines()[-1] == "{}"
    half = manage("check", FRONTEND_CACHE="cloudflare")
    assert half.returncode != 0
    assert "CLOUDFLARE_BEARER_TOKEN must be set when FRONTEND_CACHE=cloudflare" in half.stderr
    on = manage(
        "shell",
        "-c",
        show_backends,
        FRONTEND_CACHE="http",
        FRONTEND_CACHE_LOCATION="http://127.0.0.1:8080",
    )
    assert on.returncode == 0, on.stderr
    assert "HTTPBackend" in on.stdout and "127.0.0.1:8080" in on.stdout


FETCH_STYLESHEET = """
from django.templatetags.static import static
from django.test import Client
url = static("css/site.css")
for encoding in ("br", "gzip"):
    response = Client().get(url, HTTP_ACCEPT_ENCODING=encoding, HTTP_HOST="star.example.org",
                            secure=True)
    print(url, response.status_code, response["Content-Encoding"], response["Cache-Control"])
"""


@pytest.mark.database_independent  # collectstatic and WhiteNoise read no database
def test_static_files_are_hashed_compressed_and_cached_for_ever(tmp_path):
    static_root = tmp_path / "static"
    environment = {**PRODUCTION, "DJANGO_STATIC_ROOT": str(static_root)}
    collected = manage("collectstatic", "--noinput", "-v", "0", **environment)
    assert collected.returncode == 0, collected.stderr
    stylesheets = {path.name for path in (static_root / "css").iterdir()}
    hashed = {name for name in stylesheets if name.startswith("site.") and name != "site.css"}
    assert any(name.endswith(".css.br") for name in hashed)
    assert any(name.endswith(".css.gz") for name in hashed)

    served = manage("shell", "-v", "0", "-c", FETCH_STYLESHEET, **environment)
    assert served.returncode == 0, served.stderr
    lines = [line.split(" ", 3) for line in served.stdout.splitlines() if line.strip()]
    for (url, status, encoding, cache_control), expected in zip(lines, ("br", "gzip"), strict=True):
        assert url.startswith("/static/css/site.") and url != "/static/css/site.css"
        assert (status, encoding) == ("200", expected)
        assert "immutable" in cache_control and "max-age=315360000" in cache_control


def test_cache_entries_written_by_older_code_are_never_read(rf, contact):
    """Classes that moved (CACHE_VERSION 2) cannot be unpickled from old entries: the
    caches' version keeps those entries out of reach instead of failing every request."""
    caches["default"].set(ContactSettings.cache_key(), "pickled by the old layout", version=1)
    assert ContactSettings.for_request(rf.get("/")).phone == "555-0100"
