"""nginx in front of gunicorn when gunicorn fails: a worker killed under load loses no
request, and with gunicorn gone, pages ever served are still served and the rest get the
outage page with the phone numbers (nginx's own 502), never nginx's default page."""

import os
import signal
import threading
import time
from collections import Counter

import pytest

from .servers import app_environment
from .site_fixtures import (  # noqa: F401 (fixtures)
    Visitor,
    database_url,
    outage_stack,
)

CACHED = ["/", "/star-procedure/", "/for-referring-physicians/", "/privacy/"]
# A query string: neither nginx nor Django keeps it, so every one is rendered by a worker.
RENDERED = ["/star-procedure/?v={n}", "/glossary/?v={n}", "/search/?q=walking&v={n}"]


@pytest.fixture
def stack(database_url, tmp_path):  # noqa: F811
    environment = app_environment(tmp_path, database_url())
    yield from outage_stack(environment, tmp_path)


def visit_until(stop, base_url, statuses, paths, lost):
    visitor, n = Visitor(), 0
    while not stop.is_set():
        n += 1
        path = paths[n % len(paths)].format(n=n)
        answer = visitor.get(base_url + path)
        statuses[answer.status] += 1
        if answer.status != 200:
            lost.append(path)


def nginx_log(nginx):
    return (nginx.folder / "nginx.log").read_text(errors="replace")


def cut_off_requests(nginx):
    """Requests nginx lost a worker in the middle of (and tried again on another)."""
    log = nginx_log(nginx)
    return log.count("upstream prematurely closed") + log.count("Connection reset by peer")


def test_a_worker_killed_under_load_loses_no_request(stack):
    gunicorn, nginx = stack
    for path in CACHED:
        assert Visitor().get(nginx.url + path).status == 200
    cached, rendered, lost, stop = Counter(), Counter(), [], threading.Event()
    visitors = [
        threading.Thread(target=visit_until, args=(stop, nginx.url, statuses, paths, lost))
        for statuses, paths in [(cached, CACHED), (cached, CACHED), (rendered, RENDERED)]
    ]
    for visitor in visitors:
        visitor.start()
    kills, deadline = 0, time.monotonic() + 40
    try:
        # Kill a busy worker again and again (gunicorn starts another), until nginx has seen
        # requests cut off in the middle: those are the ones that could have been lost.
        while time.monotonic() < deadline and (kills < 5 or cut_off_requests(nginx) < 3):
            time.sleep(1)
            workers = gunicorn.workers()
            if workers:
                os.kill(workers[kills % len(workers)], signal.SIGKILL)
                kills += 1
    finally:
        stop.set()
        for visitor in visitors:
            visitor.join(timeout=60)
    assert cut_off_requests(nginx) >= 1, "no request was in flight when a worker died"
    assert set(cached) == {200}, cached
    assert sum(cached.values()) > 100
    assert rendered[200] > 0, rendered
    # A page rendered afresh is tried once more on another worker: one is lost only when its
    # second worker is killed too (kills far more often than in life), so nginx's log shows
    # both tries failing.
    errors = [line for line in nginx_log(nginx).splitlines() if "[error]" in line]
    for path in lost:
        failed_tries = [line for line in errors if f'"GET {path} HTTP/' in line]
        assert len(failed_tries) >= 2, (path, failed_tries)


def test_with_gunicorn_gone_nginx_shows_the_last_copies_and_the_outage_page(stack):
    gunicorn, nginx = stack
    for path in CACHED:
        assert Visitor().get(nginx.url + path).status == 200
    gunicorn.stop()
    time.sleep(2.1)  # the micro-cache's copies have expired
    for path in CACHED:
        page = Visitor().get(nginx.url + path)
        assert page.status == 200 and "<h1" in page.text
        assert page.headers["X-Cache-Status"] == "STALE"
    for path in ["/glossary/", "/ask-us/", "/search/?q=pain", "/admin/login/"]:
        answer = Visitor().get(nginx.url + path)
        assert answer.status == 502, path
        assert answer.headers["Retry-After"] == "30"
        assert "Our website is not working right now" in answer.text
        assert "555-0100" in answer.text and "call 911" in answer.text
        assert "nginx" not in answer.text
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["X-Frame-Options"] == "DENY"
    sent = Visitor().post(nginx.url + "/ask-us/", {"your_message": "Hello"})
    assert sent.status == 502 and "555-0100" in sent.text
