from functools import partial

from django.apps import apps
from django.shortcuts import redirect
from django.urls import re_path
from wagtail import hooks

from .apps import PagesConfig
from .linked_pages import PrefetchedPageLinkHandler


# Runs after Wagtail's own registration (order 0) so that ours replaces it.
@hooks.register("register_rich_text_features", order=10)
def use_prefetched_page_links(features):
    features.register_link_type(PrefetchedPageLinkHandler)


@hooks.register("register_admin_urls")
def redirect_admin_addresses_of_moved_models():
    """Snippets and settings that moved from this app to their own (migration 0007) keep
    their old admin addresses: bookmarks and workflow emails sent before still lead there."""
    return [
        re_path(
            rf"^{area}/{PagesConfig.label}/{model._meta.model_name}/",
            partial(
                to_new_address,
                old=f"/{area}/{PagesConfig.label}/{model._meta.model_name}/",
                new=f"/{area}/{model._meta.app_label}/{model._meta.model_name}/",
            ),
        )
        for model in moved_models()
        for area in ("snippets", "settings")
    ]


def to_new_address(request, old, new):
    return redirect(request.get_full_path().replace(old, new, 1))


def moved_models():
    """Models of other apps that keep the table they had in this one."""
    label = PagesConfig.label
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label != label
        and model._meta.db_table == f"{label}_{model._meta.model_name}"
    ]
