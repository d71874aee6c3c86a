"""Entries in Wagtail's audit log (Reports → Site history) for sign-in events."""

from django.contrib.auth import get_user_model
from django.utils.functional import LazyObject
from wagtail.log_actions import log


def log_for_user(user, action, by=None, **kwargs):
    """Log an action on a user's account. request.user is a lazy wrapper, which Wagtail's log
    registry does not recognise as a model (it would silently log nothing), so it is loaded."""
    if isinstance(user, LazyObject):
        user = get_user_model()._default_manager.get(pk=user.pk)
    return log(user, action, user=by or user, **kwargs)
