"""Queries, bytes and reading grade of the starter pages, as a visitor receives them.

Run: .venv/bin/python bench/page_figures.py
Builds a throwaway test database, loads the starter content, requests each page twice
(the first fills per-process caches) and reports the second request. Results of a run are
kept in bench/page_figures.txt.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings")

import django  # noqa: E402

django.setup()

from bs4 import BeautifulSoup  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from content.readability import grade, readable_text  # noqa: E402

URLS = ["/", "/star-procedure/", "/for-referring-physicians/", "/ask-us/", "/search/?q=cement"]


def measure(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    json_ld = soup.find("script", type="application/ld+json")
    qr_code = soup.select_one(".print-handout svg")
    return (
        f"{url:30} status={response.status_code} queries={len(queries)} "
        f"bytes={len(response.content)} json_ld_bytes={len(str(json_ld)) if json_ld else 0} "
        f"qr_svg_bytes={len(str(qr_code)) if qr_code else 0} "
        f"grade={grade(readable_text(html)):.1f}"
    )


def main():
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    databases = runner.setup_databases()
    try:
        call_command("load_content", verbosity=0)
        client = Client()
        for url in URLS:
            print(measure(client, url))
    finally:
        runner.teardown_databases(databases)


if __name__ == "__main__":
    main()
