"""Render every starter page, and its page editor, at two commits and compare them.

For changes that must not change what anyone sees, such as moving code between apps:

    .venv/bin/python bench/compare_rendering.py BEFORE [AFTER]

BEFORE and AFTER are git revisions (AFTER defaults to the work tree). Each is checked out
in a temporary worktree, given a fresh SQLite database with the starter content, and asked
for every page as a visitor, every page's editor as an admin, search, the 404 page,
robots.txt, the sitemap and the /star/ short link. What differs from run to run (CSRF
tokens, times, Draftail's random keys, block ids) is taken out before comparing. Prints one
line per response and the lines that differ; exits 1 if any differ.
"""

import difflib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["/search/?q=pain", "/no-such-page/", "/robots.txt", "/sitemap.xml", "/star/"]
SNAPSHOT = """
import json, os
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page
settings.ALLOWED_HOSTS = ["*"]
call_command("migrate", verbosity=0)
call_command("load_content", verbosity=0)
admin = User.objects.create_superuser("compare", "compare@example.org", "compare-rendering-1")
visitor, editor = Client(), Client()
editor.force_login(admin)
out = {}
for page in Page.objects.filter(depth__gt=1).order_by("path"):
    out[page.url] = visitor.get(page.url).content.decode()
    out["editor of " + page.url] = editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
for path in json.loads(os.environ["COMPARE_PATHS"]):
    response = visitor.get(path)
    head = f"{response.status_code} {response.get('Location', '')}"
    out[path] = head + chr(10) + response.content.decode()
with open(os.environ["COMPARE_OUT"], "w") as handle:
    json.dump(out, handle)
"""
VARYING = [
    (r'"CSRF_TOKEN": "[^"]+"', "CSRF"),
    (r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF"),
    (r'name="form_started"[^>]*', 'name="form_started"'),
    (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d", "TIME"),
    (r"\b\d{1,2}:\d\d( [ap]\.m\.)?", "TIME"),
    (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID"),
    (r"(key(?:\\*&quot;|\\*\")+: (?:\\*&quot;|\\*\")+)\w+", r"\1KEY"),
    (r"blockdef-\d+", "blockdef"),
    (r"\?v=[0-9a-f]{8}", "?v=VERSION"),
    (r"person-[0-9a-f]{8}", "person-ID"),  # icon arrays: a new id each rendering
]


def render(revision, folder):
    tree = folder / "tree"
    if revision is None:
        tree = ROOT
    else:
        subprocess.run(
            ["git", "worktree", "add", "--detach", "--quiet", str(tree), revision],
            cwd=ROOT,
            check=True,
        )
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "COMPARE_PATHS": json.dumps(PATHS),
        "COMPARE_OUT": str(folder / "rendered.json"),
    }
    try:
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SNAPSHOT],
            cwd=tree,
            env=env,
            capture_output=True,
            check=True,
        )
    finally:
        if revision is not None:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
    return json.loads((folder / "rendered.json").read_text())


def normalised(text):
    for pattern, replacement in VARYING:
        text = re.sub(pattern, replacement, text)
    return text.splitlines()


def main(before, after=None):
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        old, new = render(before, Path(first)), render(after, Path(second))
    differences = 0
    for key in sorted(set(old) | set(new)):
        a, b = normalised(old.get(key, "")), normalised(new.get(key, ""))
        changed = [
            line
            for line in difflib.unified_diff(a, b, lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        print(f"{'differs' if changed else 'same   '}  {key}")
        for line in changed:
            print(f"           {line[:240]}")
        differences += bool(changed)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
