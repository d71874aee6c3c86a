"""Per-page cost: SQL queries and warm render time for every live page, page cache off.

Run by bench/run.sh against the benchmark database (the starter content). Prints a Markdown
table. Each page is rendered through Django's test client (the full middleware stack, as
an anonymous visitor), 10 times to warm up, then timed 100 times; the median is reported.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings")
os.environ["WAGTAIL_CACHE"] = "0"  # measure rendering, not the page cache

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

WARM_UP = 10
RUNS = 100


def measure(client, path):
    for _ in range(WARM_UP):
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    query_count = len(queries)  # now: a reconnect later empties the connection's log
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    return response.status_code, query_count, statistics.median(timings), max(timings)


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
    rows = [(page.specific_class.__name__, page.url) for page in pages]
    rows.append(("404 page", "/no-such-page/"))
    print("| page type | path | status | SQL queries | median ms | max ms |")
    print("|---|---|---|---|---|---|")
    for name, path in rows:
        status, queries, median, worst = measure(client, path)
        print(f"| {name} | {path} | {status} | {queries} | {median:.2f} | {worst:.2f} |")


if __name__ == "__main__":
    main()
