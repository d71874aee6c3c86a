import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create an admin account if there is none. Uses DJANGO_SUPERUSER_USERNAME and "
        "DJANGO_SUPERUSER_PASSWORD when set; otherwise 'admin' with a random password, "
        "printed once. The password must pass the same checks as every staff password "
        "(AUTH_PASSWORD_VALIDATORS: at least 12 characters, not a common password)."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account already exists; none created.")
            return
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME") or "admin"
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(18)
        try:
            validate_password(password, user=User(username=username, email=email))
        except ValidationError as error:
            raise CommandError(
                "DJANGO_SUPERUSER_PASSWORD was refused: " + " ".join(error.messages)
            ) from None
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created the admin account '{username}'."))
        if generated:
            self.stdout.write(
                f"Its password is {password}\n"
                "It is shown only this once: note it now, or change it after you log in."
            )
