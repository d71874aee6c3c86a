"""Forget the cached glossary (terms.py) when a term or the glossary page changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_unpublished, post_page_move

from .models import GlossaryPage, GlossaryTerm
from .terms import forget_glossary


@receiver([post_save, post_delete], sender=GlossaryTerm)
@receiver([post_save, post_delete], sender=GlossaryPage)
def forget_cached_glossary(sender, **kwargs):
    forget_glossary()


@receiver([page_unpublished, post_page_move])
def forget_cached_glossary_when_its_page_changes(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, GlossaryPage):
        forget_glossary()
