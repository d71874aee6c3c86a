from django.apps import AppConfig


class SignInConfig(AppConfig):
    name = "content.sign_in"
    label = "sign_in"
    verbose_name = "Sign-in"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
