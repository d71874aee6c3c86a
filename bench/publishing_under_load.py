"""Publishing under load (issue 15): 60 s at 64 connections across the public pages, through
nginx and gunicorn on PostgreSQL, while an editor publishes a change every 5 seconds.

    .venv/bin/python bench/publishing_under_load.py [--duration 60] [--connections 64]
        [--every 5] [--change section|title] [--wrk-nice 10] [--gunicorn-nice 0]

The production stack, as `make serve-prod` runs it, on a throwaway PostgreSQL cluster
(tests/servers.py): collectstatic, migrate and load_content, gunicorn with gunicorn.conf.py
(WEB_CONCURRENCY workers: cores + 1), nginx with deploy/nginx.conf. wrk (Debian's) spreads
its requests over every live public page. Meanwhile this process publishes a new version of
the procedure page every 5 seconds through Wagtail's own publish (revision.publish(), what
the admin's Publish button runs, with its signals emptying the caches) and a probe asks
nginx for that page every 20 ms, to measure how long each new version takes to reach
visitors (the staleness). Only 127.0.0.1 is used. Figures go to bench/out/publishing/.
Targets: 0 errors, p99 at most 50 ms, every version seen within 2 s of its publish.

Each publish changes a sentence of the page's benefits section, which only that page shows,
so only that page is made again (content/serving/signals.py); `--change title` changes its
title too, which the menus of every page show, so every page is made again. `--every`
longer than `--duration` measures the same load with no publish. The niceness
options try other CPU priorities: wrk and nginx share the 2 cores with the servers here.
"""

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import Gunicorn, Nginx, PostgresCluster, app_environment, manage  # noqa: E402

OUT = ROOT / "bench" / "out" / "publishing"
failed_publishes = []
MARK = re.compile(r"Published version (\d+) of this sentence")
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def environment(cluster, port):
    return app_environment(
        OUT,
        cluster.url("star"),
        DJANGO_ENV="production",
        DJANGO_ALLOW_HTTP=1,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECRET_KEY="bench-only-" + secrets.token_urlsafe(40),
        DJANGO_STATIC_ROOT=OUT / "static",
        EMAIL_HOST="localhost",
        EMAIL_PORT=25,
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
    )


def fetch(url, with_headers=False):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        body = response.read().decode()
        return (body, response.headers) if with_headers else body


class FormProbe(threading.Thread):
    """Pages made afresh for each visitor (the enquiry form: its CSRF token sets a cookie, so
    no cache may share it) are asked for once a second, beside wrk, for their own timing."""

    def __init__(self, urls):
        super().__init__(daemon=True)
        self.urls, self.seconds, self.errors = urls, [], 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            for url in self.urls:
                start = time.perf_counter()
                try:
                    fetch(url)
                    self.seconds.append(time.perf_counter() - start)
                except OSError:
                    self.errors += 1
            time.sleep(1)


class Probe(threading.Thread):
    """Asks nginx for the procedure page every 20 ms; notes when each version is first seen."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.first_seen, self.errors = url, {}, 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                found = MARK.search(fetch(self.url))
                if found:
                    self.first_seen.setdefault(int(found[1]), time.time())
            except OSError:
                self.errors += 1
            time.sleep(0.02)


def publish_every(seconds, until, published, niceness, change):
    """An editor's change every `seconds`: Wagtail's publish, as the admin's button does (at
    gunicorn's niceness: in production it runs in a gunicorn worker)."""
    from django.db import OperationalError, connection
    from wagtail.models import Page

    os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)  # this thread only

    version = 0
    while time.time() + seconds < until:
        time.sleep(seconds)
        version += 1
        try:
            page = Page.objects.get(slug="star-procedure").specific
            sentence = f"<p>Published version {version} of this sentence.</p>"
            page.benefits = [{"type": "paragraph", "value": sentence}]
            if change == "title":
                page.title = f"{page.title.split(' (version')[0]} (version {version})"
            page.save_revision().publish()
            published[version] = time.time()  # committed: publish() runs in autocommit
        except OperationalError as error:  # an editor would press Publish again
            print(f"Publish {version} failed: {error}", file=sys.stderr)
            failed_publishes.append(version)
            connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between publishes")
    parser.add_argument(
        "--change",
        choices=["section", "title"],
        default="section",
        help="what each publish changes",
    )
    parser.add_argument("--wrk-nice", type=int, default=10, help="wrk's niceness")
    parser.add_argument("--gunicorn-nice", type=int, default=0, help="gunicorn's niceness")
    options = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    cluster = PostgresCluster.throwaway().start()
    gunicorn = nginx = None
    try:
        cluster.psql('CREATE DATABASE "star"')
        env = environment(cluster, 0)
        for command in (
            ["collectstatic", "--noinput", "-v", "0"],
            ["migrate", "-v", "0"],
            ["load_content", "-v", "0"],
            ["render_outage_page", "-v", "0"],
        ):
            manage(env, *command)  # fmt: skip
        gunicorn = Gunicorn(
            env,
            OUT / "gunicorn.log",
            workers=int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() + 1)),
            prefix=["nice", "-n", str(options.gunicorn_nice)],
        )
        gunicorn.start()  # fmt: skip
        nginx = Nginx(OUT / "nginx", [f"127.0.0.1:{gunicorn.port}"], OUT / "media")
        nginx.start(outage_dir=OUT / "outage")
        os.environ.update(env, DJANGO_SETTINGS_MODULE="website.settings")
        import django

        django.setup()
        from wagtail.models import Page

        paths, per_visitor = [], []
        for page in Page.objects.live().public().filter(depth__gt=1):
            _, headers = fetch(nginx.url + page.url, with_headers=True)  # warm, as a live site
            (per_visitor if headers.get("Set-Cookie") else paths).append(page.url)
        (OUT / "paths.lua").write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))

        probe = Probe(nginx.url + Page.objects.get(slug="star-procedure").url)
        probe.start()
        forms = FormProbe([nginx.url + path for path in per_visitor])
        forms.start()
        published = {}
        until = time.time() + options.duration
        editor = threading.Thread(
            target=publish_every,
            args=(options.every, until, published, options.gunicorn_nice, options.change),
        )
        editor.start()
        wrk = subprocess.run(
            # wrk at a lower priority: on these 2 shared cores it would otherwise take the CPU
            # the servers under test need (in production the visitors are elsewhere).
            ["nice", "-n", str(options.wrk_nice), "wrk", "-t2", f"-c{options.connections}",
             f"-d{options.duration}s", "--latency", "-s", str(OUT / "paths.lua"), nginx.url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        editor.join()
        forms.stopping.set()
        time.sleep(10)  # the last version, published near the end, has time to show
        probe.stopping.set()
        probe.join()
        report(options, paths, wrk, published, probe, per_visitor, forms)
    finally:
        for server in (nginx, gunicorn):
            if server:
                server.stop()
        cluster.remove()


def report(options, paths, wrk, published, probe, per_visitor, forms):
    staleness = [probe.first_seen[v] - at for v, at in published.items() if v in probe.first_seen]
    never_seen = [v for v in published if v not in probe.first_seen]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
    socket_errors = re.search(r"Socket errors: (.*)", wrk)
    form_timing = sorted(forms.seconds)
    lines = [
        f"{options.duration} s, {options.connections} connections, {len(paths)} public pages "
        f"(wrk), {len(per_visitor)} made for each visitor ({', '.join(per_visitor)}: once a "
        "second beside wrk), "
        f"a publish every {options.every:g} s (changing the {options.change}), gunicorn workers: "
        f"{os.environ.get('WEB_CONCURRENCY', os.cpu_count() + 1)}, niceness: wrk "
        f"{options.wrk_nice}, gunicorn {options.gunicorn_nice}",
        wrk.strip(),
        f"Non-2xx responses: {errors[1] if errors else 0}; "
        f"socket errors: {socket_errors[1] if socket_errors else 'none'}",
        f"Publishes: {len(published)} (failed: {len(failed_publishes)}); "
        f"versions never seen by the probe: {len(never_seen)} {never_seen or ''}",
        "Staleness (publish to first sight through nginx, s): "
        + (
            f"median {statistics.median(staleness):.2f}, max {max(staleness):.2f}, "
            f"all: {', '.join(f'{s:.2f}' for s in staleness)}"
            if staleness
            else "none measured"
        ),
        f"Probe errors: {probe.errors}",
        "Pages made for each visitor, beside the load (s): "
        + (
            f"median {statistics.median(form_timing):.3f}, max {form_timing[-1]:.3f}, "
            f"{len(form_timing)} requests, {forms.errors} errors"
            if form_timing
            else "none"
        ),
        f"Load average at the end: {os.getloadavg()[0]:.2f} (2 cores)",
    ]
    text = "\n\n".join(lines) + "\n"
    (OUT / "summary.txt").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
