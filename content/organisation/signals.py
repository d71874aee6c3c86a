from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import BrandSettings, ContactSettings, FooterLink, FooterLinks, VisitingSettings

CACHED_SETTINGS = (ContactSettings, BrandSettings, FooterLinks, VisitingSettings)


@receiver([post_save, post_delete], sender=ContactSettings)
@receiver([post_save, post_delete], sender=BrandSettings)
@receiver([post_save, post_delete], sender=FooterLinks)
@receiver([post_save, post_delete], sender=VisitingSettings)
@receiver([post_save, post_delete], sender=FooterLink)
def forget_cached_setting(sender, **kwargs):
    for setting in CACHED_SETTINGS:
        cache.delete(setting.cache_key())


@receiver([page_published, page_unpublished, post_page_move])
def forget_cached_settings_when_pages_change(sender, **kwargs):
    """Settings that link to pages keep those pages' titles and addresses."""
    forget_cached_setting(sender)
