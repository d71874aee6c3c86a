from django.http import Http404
from wagtail import hooks

from .languages import active_locale_id
from .review import APPROVAL_REFUSED


@hooks.register("before_serve_page")
def serve_pages_only_in_their_own_language(page, request, serve_args, serve_kwargs):
    """A page is served only at its own language's address: with no Spanish home page,
    Wagtail would route /es/star-procedure/ to the English page; that is a 404 instead."""
    if page.locale_id != active_locale_id():
        raise Http404("This page is not in the language its address names.")


@hooks.register("register_log_actions")
def register_translation_log_actions(actions):
    actions.register_action(
        APPROVAL_REFUSED, "Translation approval refused", "Translation approval refused"
    )
