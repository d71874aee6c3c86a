"""Staff passwords: at least 12 characters and not a common password, wherever one is set:
the admin's Account form, and `ensure_superuser`."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from .test_sign_in_support import PASSWORD, change_password, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client):
    client.force_login(make_staff("alice"))
    return client


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("Short-pw-9x", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
    ],
)
def test_a_short_or_common_password_is_refused_with_the_reason(alice_client, new_password, message):
    response = change_password(alice_client, PASSWORD, new_password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_user_model().objects.get(username="alice").check_password(PASSWORD)


def test_a_long_uncommon_password_is_accepted(alice_client):
    response = change_password(alice_client, PASSWORD, "correct-horse-staple-42")
    assert response.status_code == 302
    assert get_user_model().objects.get(username="alice").check_password("correct-horse-staple-42")


@pytest.fixture
def superuser_env(monkeypatch):
    def set_env(**values):
        for name in [
            "DJANGO_SUPERUSER_USERNAME",
            "DJANGO_SUPERUSER_PASSWORD",
            "DJANGO_SUPERUSER_EMAIL",
        ]:
            monkeypatch.delenv(name, raising=False)
        for name, value in values.items():
            monkeypatch.setenv(name, value)

    return set_env


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-pw-9x", "at least 12 characters"),
        ("password1234", "too common"),
        ("chief-of-staff-admin", "too similar to the username"),
    ],
)
def test_ensure_superuser_refuses_a_weak_password(superuser_env, password, message):
    superuser_env(
        DJANGO_SUPERUSER_USERNAME="chief-of-staff-admin", DJANGO_SUPERUSER_PASSWORD=password
    )
    with pytest.raises(CommandError, match=message):
        call_command("ensure_superuser")
    assert not get_user_model().objects.filter(is_superuser=True).exists()


def test_ensure_superuser_accepts_a_strong_password(superuser_env):
    superuser_env(
        DJANGO_SUPERUSER_USERNAME="chief", DJANGO_SUPERUSER_PASSWORD="tidal-lantern-quiet-88"
    )
    call_command("ensure_superuser")
    assert get_user_model().objects.get(username="chief").check_password("tidal-lantern-quiet-88")


def test_ensure_superuser_generates_a_password_that_passes_the_same_rules(superuser_env, capsys):
    from django.contrib.auth.password_validation import validate_password

    superuser_env()
    call_command("ensure_superuser")
    password = capsys.readouterr().out.split("Its password is ")[1].split()[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password(password)
    validate_password(password, user=admin)  # raises if it breaks a rule
