from functools import partial

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtailcache.cache import clear_cache

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


def forget_rendered_pages(changed_page=None):
    """Empty every cache of rendered pages: now, and again once the change is committed.

    The second time matters: a visitor who asked while the change was being saved got the old
    version, and it must not stay cached. After the commit, a CDN (when FRONTEND_CACHE is
    set) is purged of every live page, since menus, contact details and glossary terms show
    on all of them, plus `changed_page` (its URL taken now, before an unpublish or a delete
    takes it out of the live pages). nginx's micro-cache needs no purge: it expires.
    """
    empty_page_caches()
    purge = PurgeBatch()
    if changed_page is not None and settings.WAGTAILFRONTENDCACHE:
        purge.add_page(changed_page)
    transaction.on_commit(partial(forget_rendered_pages_after_commit, purge))


def empty_page_caches():
    """The full-page cache and the cached page fragments (templates' wagtailpagecache)."""
    clear_cache()
    caches["template_fragments"].clear()


def forget_rendered_pages_after_commit(purge):
    empty_page_caches()
    if settings.WAGTAILFRONTENDCACHE:
        purge.add_pages(Page.objects.live())
        purge.purge()


# The page cache (content/page_cache.py) is cleared whenever what a page shows may change.
@receiver([page_published, page_unpublished, post_page_move])
def clear_page_cache_on_page_change(sender, instance, **kwargs):
    forget_rendered_pages(changed_page=instance)


@receiver([post_save, post_delete])
def clear_page_cache_when_shown_content_changes(sender, **kwargs):
    """Snippets, contact details, images and sites appear on pages; deleted pages vanish.

    A page's own saves are left out: drafts are not live; publishing has its own signal.
    """
    deleted_page = kwargs.get("signal") is post_delete and issubclass(sender, Page)
    shown_on_pages = not issubclass(sender, Page) and (
        sender._meta.app_label == "content" or issubclass(sender, (AbstractImage, Site))
    )
    if deleted_page or shown_on_pages:
        forget_rendered_pages()
