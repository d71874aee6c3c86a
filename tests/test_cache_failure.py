"""A cache that fails (its folder unwritable or full, Redis down) is a slower site, never a
broken one: every page is rendered without it, never a 500, and one WARNING a minute at most
(content/serving/cache_backends.py).

The servers here are gunicorn with gunicorn.conf.py. The cache folder is a tmpfs mounted in
a mount namespace of gunicorn's own (`unshare`): read-only, or too small and already full;
root would write through a folder that is merely chmod-ed.
"""

import logging
import os
import shutil

import pytest

from content.serving import cache_backends

from .servers import Gunicorn, Redis, app_environment
from .site_fixtures import (  # noqa: F401 (fixtures)
    Visitor,
    database_url,
    enquiry_path,
    send_enquiry,
    wait_for,
)

PAGES = ["/", "/star-procedure/", "/for-referring-physicians/", "/glossary/", "/privacy/"]
WARNING = "unavailable"  # "Cache 'pages' unavailable (OSError): pages are served without it"
UNSHARE = shutil.which("unshare") or "/usr/bin/unshare"


def in_mount_namespace(folder, mount_options, fill=False):
    """A command prefix: gunicorn starts with a tmpfs of its own mounted on `folder`."""
    steps = [f'mount -t tmpfs -o {mount_options} tmpfs "$0"']
    if fill:
        steps.append('mkdir "$0/default" "$0/pages" "$0/fragments"')
        steps.append('(head -c 100000000 /dev/zero >"$0/filler" 2>/dev/null || true)')
    user = [] if os.geteuid() == 0 else ["--map-root-user"]
    return [UNSHARE, "--mount", *user, "sh", "-c", " && ".join(steps) + ' && exec "$@"', folder]


def serve_everything(base_url):
    """Every kind of request, twice; returns what the page cache said about each page."""
    cache_says = []
    visitor = Visitor()
    for _ in range(2):
        for path in PAGES:
            page = visitor.get(base_url + path)
            assert page.status == 200, (path, page.text[:300])
            assert "<h1" in page.text
            cache_says.append(page.headers.get("X-Wagtail-Cache"))
        assert visitor.get(base_url + "/search/?q=walking").status == 200
        assert visitor.get(base_url + "/robots.txt").status == 200
        assert visitor.get(base_url + "/no-such-page/").status == 404
    thanks = send_enquiry(base_url, enquiry_path())
    assert thanks.status == 200 and "Thank you" in thanks.text, thanks.text[:500]
    return cache_says


def warnings_in(server):
    return [line for line in server.log_text().splitlines() if WARNING in line]


@pytest.fixture
def server_for(database_url, tmp_path):  # noqa: F811
    servers = []

    def start(prefix=(), **variables):
        environment = app_environment(tmp_path, database_url(), ENQUIRY_MIN_SECONDS=0, **variables)
        (tmp_path / "cache").mkdir(exist_ok=True)
        server = Gunicorn(environment, tmp_path / "gunicorn.log", workers=1, prefix=prefix)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


@pytest.mark.parametrize(
    ("mount_options", "fill"),
    [("ro,size=1m", False), ("size=64k", True)],
    ids=["unwritable", "full"],
)
def test_pages_are_rendered_without_a_cache_folder_that_cannot_be_written(
    server_for, tmp_path, mount_options, fill
):
    server = server_for(prefix=in_mount_namespace(str(tmp_path / "cache"), mount_options, fill))
    cache_says = serve_everything(server.url)
    assert "hit" not in cache_says  # nothing could be kept, and nothing broke
    assert Visitor().get(server.url + "/healthz").status == 200
    assert Visitor().get(server.url + "/readyz").status == 503
    assert len(warnings_in(server)) == 1, server.log_text()[-3000:]
    assert "Internal Server Error" not in server.log_text()


def test_pages_are_rendered_without_redis_and_cached_again_when_it_is_back(server_for, tmp_path):
    redis = Redis(tmp_path)
    server = server_for(CACHE_URL=redis.url())  # nothing is listening there yet
    assert "hit" not in serve_everything(server.url)
    assert Visitor().get(server.url + "/readyz").status == 503
    assert len(warnings_in(server)) == 1, server.log_text()[-3000:]

    redis.start()
    try:
        page = server.url + PAGES[1]
        # Back within RETRY_SECONDS: the page is kept, then served from Redis.
        assert wait_for(lambda: Visitor().get(page).headers.get("X-Wagtail-Cache") == "hit", 15)
        assert Visitor().get(server.url + "/readyz").status == 200
    finally:
        redis.stop()
    assert Visitor().get(page).status == 200  # and down again: still served
    assert "Internal Server Error" not in server.log_text()


# The backends themselves, in this process.


@pytest.fixture
def broken_folder(tmp_path):
    """A cache 'folder' that is a file: every write fails, for root too."""
    path = tmp_path / "cache"
    path.write_text("not a folder")
    return path


def test_a_failing_cache_warns_once_a_minute_at_most(broken_folder, caplog, monkeypatch):
    monkeypatch.setattr(cache_backends, "warnings", cache_backends.Warnings())
    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0)
    cache = cache_backends.FileBasedCache(str(broken_folder), {"ALIAS": "pages"})
    with caplog.at_level(logging.WARNING, logger="content.serving.cache_backends"):
        for n in range(50):
            cache.set(f"key-{n}", "value")
            assert cache.get(f"key-{n}", "missing") == "missing"
            assert cache.add(f"key-{n}", 1) is False
            with pytest.raises(ValueError):
                cache.incr(f"key-{n}")  # as for a counter that expired: callers start again
        cache.clear()
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith("Cache 'pages' unavailable")

    cache_backends.warnings.last -= cache_backends.WARNING_INTERVAL_SECONDS
    cache.set("key", "value")
    assert len(caplog.records) == 2
    assert "more cache errors since the last warning" in caplog.records[1].getMessage()


def test_an_emptying_that_failed_is_done_when_the_cache_is_back(tmp_path, monkeypatch):
    """Otherwise pages cached before a publish would come back with the cache."""
    from django.core.cache.backends import filebased

    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0)
    cache = cache_backends.FileBasedCache(str(tmp_path / "cache"), {"ALIAS": "pages"})
    cache.set("page", "as it was before the publish")
    real_clear = filebased.FileBasedCache.clear

    def fails(self):
        raise OSError(5, "Input/output error")  # the disk, for a moment

    monkeypatch.setattr(filebased.FileBasedCache, "clear", fails)
    cache.clear()  # the publish goes on
    monkeypatch.setattr(filebased.FileBasedCache, "clear", real_clear)
    assert cache.get("page") is None  # emptied first, then read
    cache.set("page", "new")
    assert cache.get("page") == "new"
