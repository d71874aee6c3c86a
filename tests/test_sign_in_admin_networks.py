"""ADMIN_ALLOWED_NETWORKS: outside those networks /admin/ answers 404, in Django (from the
trusted client address) and in the nginx configuration deploy/render-nginx-conf writes."""

import os
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.core.exceptions import ImproperlyConfigured

from .test_production_settings import manage
from .test_sign_in_support import make_staff, sign_in

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def alice_client(client, db):
    make_staff("alice")
    return client


def test_without_the_setting_the_admin_answers_everywhere(client, settings, db):
    settings.ADMIN_ALLOWED_NETWORKS = []
    assert client.get("/admin/login/", REMOTE_ADDR="198.51.100.7").status_code == 200


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/login/", "/admin/pages/", "/admin/cache/", "/admin"]
)
def test_outside_the_networks_every_admin_address_is_404(client, settings, db, path):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.20.0.0/16", "2001:db8::/32"]
    # (/admin is first sent on to /admin/, as any address without its slash is.)
    assert client.get(path, REMOTE_ADDR="198.51.100.7", follow=True).status_code == 404


def test_inside_the_networks_the_admin_works_as_usual(alice_client, settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.20.0.0/16", "2001:db8::/32"]
    inside = {"REMOTE_ADDR": "10.20.3.4"}
    assert alice_client.get("/admin/login/", **inside).status_code == 200
    assert sign_in(alice_client, "alice", **inside).status_code == 302
    assert alice_client.get("/admin/", **inside).status_code == 200
    assert alice_client.get("/admin/", REMOTE_ADDR="2001:db8::5").status_code == 200


def test_a_signed_in_user_outside_the_networks_gets_404_too(alice_client, settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    sign_in(alice_client, "alice", REMOTE_ADDR="10.20.3.4")
    assert alice_client.get("/admin/", REMOTE_ADDR="198.51.100.7").status_code == 404


def test_a_login_attempt_from_outside_never_reaches_the_login_form(alice_client, settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    response = sign_in(alice_client, "alice", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 404
    assert alice_client.get("/admin/", REMOTE_ADDR="10.20.3.4").status_code == 302


def test_the_public_site_is_not_limited(client, settings, contact, standard_page):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert client.get(standard_page.url, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_behind_the_proxy_only_the_address_the_proxy_saw_counts(client, settings, db):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    spoofed = client.get("/admin/login/", HTTP_X_FORWARDED_FOR="10.20.3.4, 198.51.100.7", **proxy)
    assert spoofed.status_code == 404
    real = client.get("/admin/login/", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.20.3.4", **proxy)
    assert real.status_code == 200


def test_without_the_proxy_a_forwarded_for_header_is_ignored(client, settings, db):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    settings.BEHIND_PROXY = False
    response = client.get(
        "/admin/login/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.20.3.4"
    )
    assert response.status_code == 404


def test_a_value_that_is_not_a_network_stops_the_process():
    result = manage("check", ADMIN_ALLOWED_NETWORKS="10.20.0.0/16,intranet")
    assert result.returncode != 0
    assert "ADMIN_ALLOWED_NETWORKS" in result.stderr and "10.20.0.0/16" in result.stderr
    assert ImproperlyConfigured.__name__ in result.stderr


# nginx, with the configuration deploy/render-nginx-conf writes


def render(run_dir, port, upstream_port, networks=None):
    env = {k: v for k, v in os.environ.items() if k != "ADMIN_ALLOWED_NETWORKS"}
    if networks is not None:
        env["ADMIN_ALLOWED_NETWORKS"] = networks
    return subprocess.run(
        [ROOT / "deploy" / "render-nginx-conf", f"127.0.0.1:{port}",
         f"127.0.0.1:{upstream_port}", str(run_dir), str(run_dir / "media")],
        capture_output=True, text=True, env=env,
    )  # fmt: skip


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Upstream(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers 200 "from django" to anything nginx passes on."""

    def do_GET(self):
        body = b"from django"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


@pytest.fixture
def nginx(tmp_path, upstream):
    """nginx(networks) -> the URL of nginx running the rendered configuration."""
    servers = []

    def start(networks):
        run_dir = tmp_path / f"nginx-{len(servers)}"
        run_dir.mkdir()
        port = free_port()
        rendered = render(run_dir, port, upstream, networks)
        assert rendered.returncode == 0, rendered.stderr
        (run_dir / "nginx.conf").write_text(rendered.stdout)
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        command = [NGINX, "-p", run_dir, "-c", run_dir / "nginx.conf", "-e", "stderr"]
        servers.append(subprocess.Popen([*command, "-g", directives]))
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def status(url):
    try:
        with urlopen(url) as response:  # noqa: S310 (loopback only)
            return response.status
    except HTTPError as error:
        return error.code


def test_nginx_answers_404_for_the_admin_outside_the_networks(nginx):
    url = nginx("10.20.0.0/16, 192.0.2.0/24")  # not 127.0.0.1, where this test asks from
    assert status(url + "/admin/") == 404
    assert status(url + "/admin/login/") == 404
    assert status(url + "/some-page/") == 200  # the public site is not limited


def test_nginx_passes_the_admin_on_inside_the_networks(nginx):
    assert status(nginx("10.20.0.0/16,127.0.0.0/8") + "/admin/login/") == 200


def test_nginx_leaves_the_admin_open_without_the_setting(nginx):
    assert status(nginx(None) + "/admin/login/") == 200
    assert status(nginx("") + "/admin/login/") == 200


@pytest.mark.parametrize("value", ["10.20.0.0/16;allow all", "intranet", "10.0.0.0/8/8"])
def test_rendering_refuses_a_value_that_is_not_a_network(tmp_path, value):
    result = render(tmp_path, 8000, 8001, value)
    assert result.returncode != 0
    assert "is not a network" in result.stderr and result.stdout == ""
