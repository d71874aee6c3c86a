"""The layout shows the architecture: one app per capability under content/, imports that
flow one way (content/__init__.py and README.md, "Architecture"), and modules short
enough to read."""

import ast
from pathlib import Path

import pytest
from django.core.management import call_command

CONTENT = Path(__file__).resolve().parent.parent / "content"
# Top first: an app may import the apps after it, never one before it.
LAYERS = [
    "sign_in",
    "starter",
    "search",
    "enquiries",
    "pages",
    "review",
    "glossary",
    "translations",
    "plain_language",
    "pictures",
    "operations",
    "organisation",
    "serving",
    "accounts",
]
MAX_MODULE_LINES = 400


def modules():
    return sorted(
        path
        for path in CONTENT.rglob("*.py")
        if len(path.relative_to(CONTENT).parts) > 1 and "migrations" not in path.parts
    )


def app_of(path):
    return path.relative_to(CONTENT).parts[0]


def imported_apps(path):
    """The content apps a module imports, absolute (content.x) or relative (..x)."""
    package = path.relative_to(CONTENT.parent).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            names = [".".join([*base, node.module or ""]).strip(".")]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "content" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_every_app_is_in_the_layer_list():
    apps = {path.name for path in CONTENT.iterdir() if (path / "__init__.py").exists()}
    assert apps == set(LAYERS)


def test_imports_flow_one_way():
    upward = [
        f"{path.relative_to(CONTENT)} imports content.{app}"
        for path in modules()
        for app in imported_apps(path)
        if LAYERS.index(app) < LAYERS.index(app_of(path))
    ]
    assert upward == []


def test_the_import_check_sees_relative_and_absolute_imports():
    # from .models, and from content.translations.governance
    assert imported_apps(CONTENT / "review" / "due.py") == {"review", "translations"}
    assert imported_apps(CONTENT / "pages" / "models" / "home.py") == {"pages", "glossary"}


def test_no_module_is_too_long_to_read():
    long_modules = {
        str(path.relative_to(CONTENT)): lines
        for path in modules()
        if (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long_modules == {}


@pytest.mark.django_db
def test_the_models_and_their_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
