"""Production mode refuses to start half-configured, and passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "test-only-" + "kq8Zr2vLm9xT4wYp7NbC1dFg6HjQ0sUe5RaVoXiK3mW7"


# What production needs besides the secret key and hosts (tests/test_notifications.py proves
# it refuses to start without them): filled in for every production run that does not
# name them itself, so that each test here is about the one thing it changes.
PRODUCTION_MAIL = {
    "EMAIL_HOST": "smtp.example.org",
    "WAGTAILADMIN_BASE_URL": "https://star.example.org",
}


def manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    if env_overrides.get("DJANGO_ENV") == "production":
        env.update(PRODUCTION_MAIL)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variables", "missing"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "star.example.org"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": SECRET}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_a_required_variable(variables, missing):
    result = manage("check", DJANGO_ENV="production", **variables)
    assert result.returncode != 0
    assert f"{missing} must be set when DJANGO_ENV=production" in result.stderr


def test_check_deploy_is_clean_with_the_required_variables():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="star.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_defaults_need_no_configuration():
    result = manage("check")
    assert result.returncode == 0, result.stderr
