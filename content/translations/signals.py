"""Keep what this app caches in step (the locales' ids); give each language's home page the
Translation review workflow; and have each new translation record the English version it
follows."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import copy_for_translation_done

from .governance import english_version_date
from .languages import forget_locales, is_translation
from .models import TranslationReviewMixin
from .review import assign_translation_review


@receiver([post_save, post_delete], sender=Locale)
def forget_cached_locales(sender, **kwargs):
    forget_locales()


@receiver(post_save)
def give_a_new_language_home_translation_review(sender, instance, created, **kwargs):
    """A home page in another language than English (a translation of a site's root page)
    gets the Translation review workflow when it is created."""
    if not created or not isinstance(instance, Page) or not is_translation(instance):
        return
    if Site.objects.filter(root_page__translation_key=instance.translation_key).exists():
        assign_translation_review(instance)


@receiver(copy_for_translation_done)
def record_what_a_new_translation_follows(sender, source_obj, target_obj, **kwargs):
    """A new translation of an English page (wagtail-localize's "Translate", or the copy
    load_content makes) records the English version it was made from, and no checker."""
    if not isinstance(target_obj, TranslationReviewMixin) or is_translation(source_obj):
        return
    values = {
        "translated_from_date": english_version_date(source_obj.specific),
        "translation_checked_by": "",
        "translation_checked_on": None,
    }
    type(target_obj)._default_manager.filter(pk=target_obj.pk).update(**values)
    for name, value in values.items():
        setattr(target_obj, name, value)
    revision = target_obj.get_latest_revision()
    if revision is not None:
        revision.content.update(
            {name: value.isoformat() if value else value for name, value in values.items()}
        )
        revision.save(update_fields=["content"])
