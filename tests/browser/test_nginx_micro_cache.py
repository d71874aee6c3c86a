"""deploy/nginx.conf in front of the live server: what its micro-cache keeps, and what never.

No browser here, but the same live server with the starter content: nginx only proxies to a
server that is really listening.
"""

import gzip
import os
import shutil
import socket
import subprocess
import time
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from ..conftest import paragraph, publish
from ..site_fixtures import wait_for
from .conftest import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(site, tmp_path):
    """nginx with the deploy configuration, proxying to the live server. Returns its URL."""
    port = free_port()
    conf = subprocess.run(
        [ROOT / "deploy" / "render-nginx-conf", f"127.0.0.1:{port}", urlsplit(site).netloc,
         str(tmp_path), str(tmp_path / "media")],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    (tmp_path / "nginx.conf").write_text(conf)
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    server = subprocess.Popen(
        [NGINX, "-p", tmp_path, "-c", tmp_path / "nginx.conf", "-e", "stderr", "-g", directives]
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def fetch(url, **headers):
    with urlopen(Request(url, headers=headers)) as response:  # noqa: S310 (loopback only)
        body = response.read()
        gzipped = response.headers["Content-Encoding"] == "gzip"
        return response.headers, gzip.decompress(body).decode() if gzipped else body.decode()


def procedure_path():
    return Page.objects.live().get(slug="star-procedure").url


def at_the_start_of_a_second():
    """nginx keeps a copy to the end of the second it was made in (X-Accel-Expires: @time):
    a test that expects the next requests to be answered from that copy begins as a second
    begins, or the copy could expire between two of them."""
    time.sleep(1 - time.time() % 1)


def test_anonymous_page_views_are_answered_by_nginx(nginx):
    url = nginx + procedure_path()
    at_the_start_of_a_second()
    first_headers, first_body = fetch(url)
    second_headers, second_body = fetch(url)
    assert first_headers["X-Cache-Status"] == "MISS"
    assert second_headers["X-Cache-Status"] == "HIT"
    assert second_body == first_body and "<h1>" in second_body
    assert "X-Accel-Expires" not in second_headers  # nginx's instruction, not the browser's
    # Stored gzipped; unzipped for a client that does not take gzip.
    assert "Content-Encoding" not in second_headers
    gzipped, body = fetch(url, **{"Accept-Encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip" and gzipped["X-Cache-Status"] == "HIT"
    assert body == first_body


def test_a_published_change_is_live_within_two_seconds(nginx):
    url = nginx + procedure_path()
    at_the_start_of_a_second()
    fetch(url)
    assert fetch(url)[0]["X-Cache-Status"] == "HIT"
    page = Page.objects.get(slug="star-procedure").specific
    page.benefits = [paragraph("A sentence published a moment ago.")]
    publish(page)
    # nginx keeps its copy to the end of the second it was made in (X-Accel-Expires: @time).
    seconds = wait_for(lambda: "A sentence published a moment ago." in fetch(url)[1], timeout=2)
    assert seconds is not None


def test_the_visitor_who_finds_the_copy_expired_is_not_made_to_wait(nginx):
    """nginx gives that visitor the copy it has and asks Django for the new one alongside, so
    no visitor waits for a page being rendered afresh after a publish."""
    url = nginx + procedure_path()
    fetch(url)
    page = Page.objects.get(slug="star-procedure").specific
    page.benefits = [paragraph("Another sentence published a moment ago.")]
    publish(page)
    seen = []

    def changed():
        headers, body = fetch(url)
        seen.append((headers["X-Cache-Status"], "Another sentence" in body))
        return seen[-1][1]

    assert wait_for(changed, timeout=2) is not None, seen
    assert ("STALE", False) in seen, seen  # the copy expired: this visitor got it at once
    assert ("EXPIRED", True) not in seen, seen  # nobody waited for Django's new page


def test_an_editor_is_never_served_the_shared_copy(nginx):
    url = nginx + procedure_path()
    fetch(url)
    editor = get_user_model().objects.create_superuser("editor", password="a-long-password-1")
    client = Client()
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    headers, body = fetch(url, Cookie=f"sessionid={session}")
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "<wagtail-userbar" in body
    # Nor does the editor's page go into the cache for the next visitor.
    headers, body = fetch(url)
    assert "<wagtail-userbar" not in body


def test_query_strings_forms_and_the_admin_are_never_kept(nginx):
    path = procedure_path()
    for n in range(3):
        assert fetch(f"{nginx}{path}?n={n}")[0]["X-Cache-Status"] == "BYPASS"
    form_path = Page.objects.live().get(slug="ask-us").url
    tokens = set()
    for _ in range(2):
        headers, body = fetch(nginx + form_path)
        assert headers["X-Cache-Status"] == "MISS"  # a CSRF cookie: never stored
        assert "csrftoken=" in headers["Set-Cookie"]
        tokens.add(body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0])
    assert len(tokens) == 2
    admin_headers, _ = fetch(nginx + "/admin/login/")
    assert "X-Cache-Status" not in admin_headers


def test_an_uploaded_svg_opened_at_its_own_address_can_run_no_script(nginx, tmp_path):
    media = tmp_path / "media" / "original_images"
    media.mkdir(parents=True, exist_ok=True)
    (media / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (media / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    headers, body = fetch(nginx + "/media/original_images/drawing.svg")
    assert body.startswith("<svg")
    assert "sandbox" in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Type"] == "image/svg+xml"
    with urlopen(nginx + "/media/original_images/photo.png") as photo:  # noqa: S310
        assert photo.headers["Content-Type"] == "image/png"
        assert "Content-Security-Policy" not in photo.headers


def test_big_uploads_reach_the_admin_and_nothing_else(nginx):
    big = b"x" * (12 * 1024 * 1024)
    with pytest.raises(HTTPError) as public:
        urlopen(Request(nginx + "/search/", data=big, method="POST"))  # noqa: S310
    assert public.value.code == 413
    with pytest.raises(HTTPError) as admin:
        urlopen(Request(nginx + "/admin/login/", data=big, method="POST"))  # noqa: S310
    assert admin.value.code == 403  # Django's answer (no CSRF token), not nginx's 413
