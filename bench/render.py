"""Per-page cost of the starter site: SQL queries, warm render time, size and reading level.

Builds the starter site in a throwaway SQLite database, then requests each live page (in
English and in Spanish), a search and the 404 page in each language through
django.test.Client as an anonymous visitor, with the full-page cache off so that rendering
is what is measured. Prints a Markdown table for bench/RESULTS.md.

Each page's reading level is measured in its own language (its <html lang>): English with
the Flesch-Kincaid grade and SMOG (lower is easier), Spanish with INFLESZ (Szigriszt-Pazos)
and Fernández-Huerta (higher is easier), as the editor's plain-language check does.

    .venv/bin/python bench/render.py [--runs 200]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database_dir):
    os.environ["DATABASE_URL"] = f"sqlite:///{database_dir}/bench.sqlite3"
    os.environ["DJANGO_STATIC_ROOT"] = f"{database_dir}/static"
    os.environ["DJANGO_CACHE_DIR"] = f"{database_dir}/cache"  # never share a served site's
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings")
    os.environ["DJANGO_DEBUG"] = "0"  # templates cached, as in production
    os.environ["WAGTAIL_CACHE"] = "0"  # measure rendering, not the full-page cache
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)


EXTRA_URLS = [
    ("/search/?q=cement", "search"),
    ("/no-such-page/", "404 page"),
    ("/es/search/?q=cemento", "search"),
    ("/es/no-such-page/", "404 page"),
]


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # now: every later request empties the query log
    assert response.status_code in (200, 404), (url, response.status_code)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return response, query_count, statistics.median(timings), max(timings)


def stylesheet_bytes():
    return (ROOT / "static" / "css" / "site.css").stat().st_size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as database_dir:
        setup_django(database_dir)
        from django.test import Client
        from wagtail.models import Page

        from content.plain_language.readability import (
            document_language,
            fernandez_huerta,
            grade,
            inflesz,
            readable_text,
            smog,
        )

        client = Client(HTTP_HOST="localhost")  # allowed in development and in make bench
        css = stylesheet_bytes()
        print(f"Runs per page: {args.runs}. Stylesheet: {css:,} bytes.\n")
        print(
            "| page | queries | median ms | max ms | HTML bytes | HTML+CSS KB "
            "| FK | SMOG | INFLESZ | F-H |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
        targets = [(page.url, type(page).__name__) for page in pages] + EXTRA_URLS
        for url, label in targets:
            response, queries, median, worst = measure(client, url, args.runs)
            html = response.content
            text = readable_text(html.decode())
            if document_language(html.decode()) == "es":
                scores = f"– | – | {inflesz(text):.1f} | {fernandez_huerta(text):.1f}"
            else:
                scores = f"{grade(text):.1f} | {smog(text):.1f} | – | –"
            print(
                f"| {url} ({label}) | {queries} | {median:.1f} | {worst:.1f} "
                f"| {len(html):,} | {(len(html) + css) / 1024:.1f} | {scores} |"
            )


if __name__ == "__main__":
    main()
