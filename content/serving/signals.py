"""Empty the caches of rendered pages whenever what a page shows may change.

Serving knows no page type: an app whose models appear on pages says so with
`shown_on_pages = True` on its AppConfig, and saving or deleting any of its models (other
than pages, whose drafts are not live) empties the caches.
"""

from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtailcache.cache import clear_cache


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


# The page cache (page_cache.py) is cleared whenever what a page shows may change.
@receiver([page_published, page_unpublished, post_page_move])
def clear_page_cache_on_page_change(sender, instance, **kwargs):
    forget_rendered_pages(changed_page=instance)


@receiver([post_save, post_delete])
def clear_page_cache_when_shown_content_changes(sender, **kwargs):
    """Snippets, contact details, images and sites appear on pages; deleted pages vanish.

    A page's own saves are left out: drafts are not live; publishing has its own signal.
    """
    deleted_page = kwargs.get("signal") is post_delete and issubclass(sender, Page)
    if deleted_page or (not issubclass(sender, Page) and is_shown_on_pages(sender)):
        forget_rendered_pages()


def is_shown_on_pages(model):
    # The installed app's config, also for the historical models that migrations save.
    app_config = apps.app_configs.get(model._meta.app_label)
    return getattr(app_config, "shown_on_pages", False) or issubclass(model, (AbstractImage, Site))
