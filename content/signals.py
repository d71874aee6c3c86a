from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_unpublished, post_page_move

from .glossary import forget_glossary
from .models import ContactSettings, GlossaryPage, GlossaryTerm


@receiver([post_save, post_delete], sender=ContactSettings)
def forget_cached_contact_settings(sender, **kwargs):
    cache.delete(ContactSettings.CACHE_KEY)


# Glossary: the cached term list and glossary page address (content/glossary.py).
@receiver([post_save, post_delete], sender=GlossaryTerm)
@receiver([post_save, post_delete], sender=GlossaryPage)
def forget_cached_glossary(sender, **kwargs):
    forget_glossary()


@receiver([page_unpublished, post_page_move])
def forget_cached_glossary_when_its_page_changes(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, GlossaryPage):
        forget_glossary()
