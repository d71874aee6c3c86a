from django.apps import AppConfig


class PicturesConfig(AppConfig):
    name = "content.pictures"
    label = "pictures"
    verbose_name = "Pictures"
