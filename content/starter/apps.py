from django.apps import AppConfig


class StarterConfig(AppConfig):
    name = "content.starter"
    label = "starter"
    verbose_name = "Starter content"
