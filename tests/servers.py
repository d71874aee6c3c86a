"""Real servers for the tests and benchmarks that need them: a throwaway PostgreSQL cluster,
Redis, gunicorn with gunicorn.conf.py, and nginx with deploy/nginx.conf.

Each lives in a folder of its own (a test's temporary folder), listens on loopback or a Unix
socket there, and is stopped by whoever started it. Debian's packages: `make test` installs
postgresql, redis-server and nginx when they are missing.
"""

import glob
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout=30, interval=0.05, what="the condition"):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"Waited {timeout} s for {what}")
        time.sleep(interval)


def listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def start_logged(command, log, **kwargs):
    """Start a server with its output appended to the file `log`."""
    with open(log, "ab") as output:
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, **kwargs)


def postgres_bin(name):
    """Debian keeps the server's programs in /usr/lib/postgresql/VERSION/bin, off the PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version_of)
    return found[-1] if found else shutil.which(name) or name


def version_of(path):
    return int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0


MEMORY = Path("/dev/shm")  # noqa: S108 (mkdtemp makes a private folder of a random name there)


def memory_folder(room=2 * 1024**3):
    """The shared-memory file system when it has room for a throwaway cluster (containers
    often give it 64 MB), otherwise None: the usual temporary folder."""
    try:
        return str(MEMORY) if shutil.disk_usage(MEMORY).free >= room else None
    except OSError:
        return None


class PostgresCluster:
    """A cluster of its own in `folder`: trust authentication, a Unix socket in the same
    folder and no TCP port, so that several can run side by side. PostgreSQL refuses to run
    as root: as root, it runs as Debian's `postgres` user."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.as_user = {}
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            self.as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
            os.chown(self.folder, account.pw_uid, account.pw_gid)

    @classmethod
    def throwaway(cls):
        """In a new temporary folder of its own, in memory when there is room: tests empty and
        refill every table hundreds of times, and on a disk each table emptied is file work.
        Not under pytest's folder: other pytest runs on the machine make that folder private
        again while this one runs, locking postgres out."""
        return cls(tempfile.mkdtemp(prefix="star-postgres-", dir=memory_folder()))

    def remove(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def run(self, *command, **kwargs):
        result = subprocess.run(command, capture_output=True, text=True, **self.as_user, **kwargs)
        if result.returncode:
            raise RuntimeError(f"{command[0]} failed: {result.stdout}{result.stderr}")
        return result

    def start(self):
        if not self.data.exists():
            self.run(
                postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres",
                "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
            )  # fmt: skip
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.folder}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=100 -c shared_buffers=32MB"
        )
        self.run(
            postgres_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def stop(self, mode="fast"):
        self.run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, name):
        return f"postgres://postgres@{quote(str(self.folder), safe='')}/{name}"

    def psql(self, sql, database="postgres"):
        return self.run(
            postgres_bin("psql"), "-h", str(self.folder), "-U", "postgres", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-Atc", sql,
        ).stdout  # fmt: skip

    def copy_database(self, source, name, target):
        """A copy of database `name` of the cluster `source`, as database `target` here."""
        dump = self.folder / f"{target}.pgdump"
        self.run(
            postgres_bin("pg_dump"), "-h", str(source.folder), "-U", "postgres", "-Fc",
            "-f", str(dump), name,
        )  # fmt: skip
        self.psql(f'CREATE DATABASE "{target}"')
        self.run(
            postgres_bin("pg_restore"), "-h", str(self.folder), "-U", "postgres", "--no-owner",
            "-d", target, str(dump),
        )  # fmt: skip
        return self.url(target)

    def settings(self, name):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": str(self.folder),
            "PORT": "",
        }


def copy_database(connection, folder, cluster=None):
    """The test database as another server can open it: the same PostgreSQL database (its
    rows are committed in transactional tests), or for SQLite, whose test database lives in
    this process's memory, a file copy. Returns the DATABASE_URL."""
    if connection.vendor == "postgresql":
        return cluster.url(connection.settings_dict["NAME"])
    connection.ensure_connection()
    path = Path(folder) / "db.sqlite3"
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


class Redis:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = start_logged(
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            self.folder / "redis.log",
        )  # fmt: skip
        wait_until(lambda: listening(self.port), what="Redis")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def url(self, database=0):
        return f"redis://127.0.0.1:{self.port}/{database}"


def app_environment(folder, database_url, **overrides):
    """What an app server needs, as an operator would set it: everything in `folder`."""
    folder = Path(folder)
    names = ("DJANGO_", "DATABASE_", "CACHE_URL", "GUNICORN_", "WEB_CONCURRENCY", "NGINX_")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(names)}
    environment.update(
        DATABASE_URL=database_url,
        DJANGO_CACHE_DIR=str(folder / "cache"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_OUTAGE_DIR=str(folder / "outage"),
        NGINX_CACHE_DIR=str(folder / "nginx" / "pages"),
        DJANGO_BEHIND_PROXY="1",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    environment.update({name: str(value) for name, value in overrides.items()})
    return environment


def manage(environment, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, check=True,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py on a loopback port."""

    def __init__(self, environment, log, workers=2, prefix=()):
        self.port = free_port()
        self.environment = {
            **environment,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
        }
        self.log = Path(log)
        self.prefix = list(prefix)  # for example `unshare --mount sh -c ...`
        self.process = None

    def start(self):
        command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "website.wsgi", "--config",
                   str(ROOT / "gunicorn.conf.py")]  # fmt: skip
        if not Path(command[0]).exists():
            command[0] = shutil.which("gunicorn")
        self.process = start_logged(
            [*self.prefix, *command], self.log, cwd=ROOT, env=self.environment,
            start_new_session=True,
        )  # fmt: skip
        wait_until(lambda: listening(self.port) or self.process.poll() is not None,
                   timeout=60, what="gunicorn")  # fmt: skip
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {self.log.read_text()[-3000:]}")
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def workers(self):
        """The worker processes' ids (the master's children)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def log_text(self):
        return self.log.read_text(errors="replace")


class Nginx:
    """nginx with deploy/nginx.conf, rendered by deploy/render-nginx-conf, in `folder`."""

    def __init__(self, folder, upstreams, media_root):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.upstreams = upstreams
        self.media_root = media_root
        self.process = None

    def start(self, outage_dir):
        conf = subprocess.run(
            [ROOT / "deploy" / "render-nginx-conf", f"127.0.0.1:{self.port}",
             " ".join(self.upstreams), str(self.folder), str(self.media_root)],
            capture_output=True, text=True, check=True,
            env={**os.environ, "DJANGO_OUTAGE_DIR": str(outage_dir)},
        ).stdout  # fmt: skip
        (self.folder / "nginx.conf").write_text(conf)
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        self.process = start_logged(
            [NGINX, "-p", self.folder, "-c", self.folder / "nginx.conf", "-e", "stderr",
             "-g", directives],
            self.folder / "nginx.log",
        )  # fmt: skip
        wait_until(lambda: listening(self.port), what="nginx")
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
