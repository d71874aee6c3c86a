"""Measure what glossary marking costs on the starter procedure page.

Run on a migrated database with the starter content loaded, for example:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python manage.py load_content
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/glossary_marking.py

Prints the SQL queries of one page view (after a warm-up view) and the milliseconds of
marking <main> without the cache and of a whole page view with the marked <main> cached.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from content.glossary.marking import mark_main  # noqa: E402
from content.glossary.terms import current_glossary  # noqa: E402
from content.pages.models import ProcedurePage  # noqa: E402

ROUNDS = 30


def main():
    client = Client()
    page = ProcedurePage.objects.live().first()
    client.get(page.url)  # warm the caches
    reset_queries()  # Django clears the log at each request: start from empty
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    start, end = html.find("<main"), html.find("</main>") + len("</main>")
    glossary = current_glossary()

    began = time.perf_counter()
    for _ in range(ROUNDS):
        mark_main(html[start:end], glossary)
    uncached = (time.perf_counter() - began) / ROUNDS * 1000

    began = time.perf_counter()
    for _ in range(ROUNDS):
        client.get(page.url)
    view = (time.perf_counter() - began) / ROUNDS * 1000

    marked = html.count('class="glossary-term"')
    print(f"{page.url_path}: {len(queries)} SQL queries, {marked} terms marked")
    print(f"marking <main> without the cache: {uncached:.1f} ms")
    print(f"whole page view, marked <main> cached: {view:.1f} ms")


if __name__ == "__main__":
    main()
