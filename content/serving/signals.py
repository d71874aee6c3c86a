"""Empty the caches of rendered pages whenever what a page shows may change.

Serving knows no page type: an app whose models appear on pages says so with
`shown_on_pages = True` on its AppConfig, and saving or deleting any of its models (other
than pages, whose drafts are not live) empties the caches.

A publish that changes nothing other pages show of the page (its title in menus, its
address in links, its summary on the home page...) needs only that page made again. A page
type names the fields that only its own page shows in `shown_only_on_its_page`; every other
field is taken to show elsewhere. The page's stored copies then stop being served
(page_cache.py: each names the version of the page it shows), and the rest stay.
"""

from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtailcache.cache import clear_cache

from .page_cache import PUBLISH_VERSION, page_version_key, stored_pages

# What Wagtail records with each publish, which no page shows. The day a page was last
# published does show elsewhere (a translation's note dates its English page).
PUBLISHING_RECORDS = {
    "pk", "draft_title", "has_unpublished_changes", "live_revision", "latest_revision",
    "latest_revision_created_at", "first_published_at", "last_published_at", "go_live_at",
    "expire_at", "locked", "locked_at", "locked_by", "owner", "wagtail_admin_comments",
}  # fmt: skip


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


def forget_rendered_page(page):
    """Only this page's stored copies: now, and again once the publish is committed (a
    visitor who asked meanwhile was given the old version, stamped as such). A CDN, once
    the publish is committed, is purged of this page alone."""
    retire_stored_versions(page)
    transaction.on_commit(partial(forget_rendered_page_after_commit, page))


def retire_stored_versions(page):
    cache = stored_pages()
    cache.set(page_version_key(page.pk), page.cache_key)
    cache.delete(PUBLISH_VERSION)  # the sitemap dates every page
    if cache.get(page_version_key(page.pk)) != page.cache_key:
        # The cache did not keep it (down, or full): empty it all, which a cache that is
        # down does first when it answers again (cache_backends.py).
        empty_page_caches()


def forget_rendered_page_after_commit(page):
    retire_stored_versions(page)
    if settings.WAGTAILFRONTENDCACHE:
        purge = PurgeBatch()
        purge.add_page(page)
        purge.purge()


def shown_on_other_pages(page):
    """What of this page other pages may show: everything but its own-page fields and
    Wagtail's publishing records (serializable_data, as revisions store it)."""
    shown = page.serializable_data()
    for name in PUBLISHING_RECORDS.union(getattr(page, "shown_only_on_its_page", ())):
        shown.pop(name, None)
    published = page.last_published_at
    shown["published_on"] = timezone.localdate(published) if published else None
    return shown


@receiver(pre_save)
def note_what_other_pages_show(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a live page is saved whole (as publishing does), what other pages show of it."""
    if raw or update_fields is not None or instance.pk is None or not isinstance(instance, Page):
        return
    live = sender.objects.filter(pk=instance.pk, live=True).first()
    instance._shown_on_other_pages = shown_on_other_pages(live) if live else None


# The page cache (page_cache.py) is cleared whenever what a page shows may change.
@receiver(page_published)
def forget_rendered_pages_on_publish(sender, instance, **kwargs):
    before = getattr(instance, "_shown_on_other_pages", None)
    if before is not None and before == shown_on_other_pages(instance):
        forget_rendered_page(instance)
    else:
        forget_rendered_pages(changed_page=instance)


@receiver([page_unpublished, post_page_move])
def clear_page_cache_on_page_change(sender, instance, **kwargs):
    forget_rendered_pages(changed_page=instance)


@receiver([post_save, post_delete])
def clear_page_cache_when_shown_content_changes(sender, **kwargs):
    """Snippets, contact details, images and sites appear on pages; deleted pages vanish.

    A page's own saves are left out: drafts are not live; publishing has its own signal.
    """
    deleted_page = kwargs.get("signal") is post_delete and issubclass(sender, Page)
    if deleted_page or (
        not issubclass(sender, Page) and not is_part_of_a_page(sender) and is_shown_on_pages(sender)
    ):
        forget_rendered_pages()


def is_part_of_a_page(model):
    """A page's inline rows (its references, its form's fields) are saved as the page is
    published, which has its own signal."""
    return any(
        isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
        for field in model._meta.concrete_fields
    )


def is_shown_on_pages(model):
    # The installed app's config, also for the historical models that migrations save.
    app_config = apps.app_configs.get(model._meta.app_label)
    return getattr(app_config, "shown_on_pages", False) or issubclass(model, (AbstractImage, Site))
