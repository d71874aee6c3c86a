"""Two gunicorn instances under one account share nothing: gunicorn's control socket (for
`gunicornc`) is off unless GUNICORN_CONTROL_SOCKET puts it in the instance's own folder.

By default gunicorn 25.1+ opens it at one path per account (~/.gunicorn/gunicorn.ctl): the
second instance would take it over from the first. These tests start real gunicorns with
gunicorn.conf.py and fetch a file from each through its own socket.
"""

import http.client
import os
import socket
import stat
import subprocess
import sys
import time

import pytest

from .test_production_settings import ROOT

# gunicorn serves a static file from an SQLite file of its own, whichever database the suite
# runs on: the run on PostgreSQL would repeat exactly what the run on SQLite does.
pytestmark = pytest.mark.database_independent

GUNICORN = [sys.executable, "-m", "gunicorn", "website.wsgi", "--config", "gunicorn.conf.py"]


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=10)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def fetch(socket_path, path="/static/css/site.css"):
    connection = UnixConnection(str(socket_path))
    try:
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def start(tmp_path):
    """start(name, **environment) -> a running gunicorn's HTTP socket path."""
    home = tmp_path / "home"
    home.mkdir()
    processes = []

    def start_(name, **variables):
        bind = tmp_path / f"{name}.sock"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN"))}
        env.pop("XDG_RUNTIME_DIR", None)
        env.update(
            HOME=str(home),
            WEB_CONCURRENCY="1",
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **variables,
        )
        process = subprocess.Popen(
            [*GUNICORN, "--bind", f"unix:{bind}"], cwd=ROOT, env=env, stderr=subprocess.PIPE
        )
        processes.append(process)
        for _ in range(300):
            if bind.exists():
                try:
                    if fetch(bind)[0] == 200:
                        return bind
                except OSError:
                    pass
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.1)
        raise AssertionError(f"gunicorn {name} did not start")

    start_.home = home
    yield start_
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


def test_two_instances_serve_side_by_side_with_no_shared_control_socket(start):
    first, second = start("first"), start("second")
    assert fetch(first)[0] == fetch(second)[0] == 200
    # gunicorn's default place for it, one per account, was never used.
    assert not (start.home / ".gunicorn").exists()


def test_a_control_socket_asked_for_lives_in_the_instances_own_folder(start, tmp_path):
    sockets = {}
    for name in ("first", "second"):
        folder = tmp_path / f"run-{name}"
        folder.mkdir()
        start(name, GUNICORN_CONTROL_SOCKET=str(folder / "gunicorn.ctl"))
        sockets[name] = folder / "gunicorn.ctl"
    for control in sockets.values():
        for _ in range(50):  # the control server starts in a thread of its own
            if control.exists():
                break
            time.sleep(0.1)
        mode = control.stat().st_mode
        assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) == 0o600
    assert not (start.home / ".gunicorn").exists()
