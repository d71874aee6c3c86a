"""/media/ as deploy/nginx.conf serves it: never sniffed, and downloaded unless a picture.

nginx serves the uploads folder itself, so Django's headers (its Content-Security-Policy
included) never reach these files. Real nginx, real files, real requests; no app server is
needed, so the upstream is a port where nothing listens.
"""

import os
import subprocess
import time
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from .conftest import ROOT
from .test_nginx_micro_cache import NGINX, free_port


@pytest.fixture
def media_nginx(tmp_path):
    """nginx with the deploy configuration and a media folder of its own. Returns its URL."""
    port = free_port()
    media = tmp_path / "media"
    conf = subprocess.run(
        [ROOT / "deploy" / "render-nginx-conf", f"127.0.0.1:{port}", "127.0.0.1:9",
         str(tmp_path), str(media)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    (tmp_path / "nginx.conf").write_text(conf)
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    server = subprocess.Popen(
        [NGINX, "-p", tmp_path, "-c", tmp_path / "nginx.conf", "-e", "stderr", "-g", directives]
    )
    for _ in range(100):
        try:
            urlopen(f"http://127.0.0.1:{port}/media/", timeout=0.2)  # noqa: S310 (loopback)
        except HTTPError:
            break
        except OSError:
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/media/", media
    server.terminate()
    server.wait(timeout=10)


def put(media, path, content):
    target = media / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def headers_of(url):
    with urlopen(url) as response:  # noqa: S310 (loopback only)
        return response.headers


def test_uploads_are_never_sniffed_and_only_pictures_are_shown(media_nginx):
    url, media = media_nginx
    put(media, "images/photo.png", b"\x89PNG\r\n\x1a\n")
    put(media, "images/photo.JPG", b"\xff\xd8\xff")
    put(media, "original_images/drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    put(media, "original_images/page.html", b"<script>alert(1)</script>")
    put(media, "original_images/noextension", b"<html><script>alert(1)</script>")

    for picture in ("images/photo.png", "images/photo.JPG"):
        headers = headers_of(url + picture)
        assert headers["X-Content-Type-Options"] == "nosniff", picture
        assert headers["Content-Disposition"] == "inline", picture
        assert headers.get_all("Cache-Control") == ["max-age=86400", "public"], picture
    for download in ("original_images/page.html", "original_images/noextension"):
        headers = headers_of(url + download)
        assert headers["X-Content-Type-Options"] == "nosniff", download
        assert headers["Content-Disposition"] == "attachment", download
    svg = headers_of(url + "original_images/drawing.svg")
    assert (svg["Content-Disposition"], svg["X-Content-Type-Options"]) == ("attachment", "nosniff")
    assert "sandbox" in svg["Content-Security-Policy"]


def test_document_files_are_only_served_by_wagtail(media_nginx):
    url, media = media_nginx
    put(media, "documents/private-letter.pdf", b"%PDF-1.4")
    with pytest.raises(HTTPError) as refused:
        urlopen(url + "documents/private-letter.pdf")  # noqa: S310 (loopback only)
    assert refused.value.code == 404
