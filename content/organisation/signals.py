from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ContactSettings


@receiver([post_save, post_delete], sender=ContactSettings)
def forget_cached_contact_settings(sender, **kwargs):
    cache.delete(ContactSettings.CACHE_KEY)
