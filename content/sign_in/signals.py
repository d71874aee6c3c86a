import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import mark_signed_in

logger = logging.getLogger("content.sign_in")


@receiver(user_logged_in, dispatch_uid="sign_in.mark_signed_in")
def start_session_clock(sender, request, user, **kwargs):
    """The session's limits count from here (middleware.StaffSessionMiddleware)."""
    if request is not None and hasattr(request, "session"):
        mark_signed_in(request)


@receiver(user_locked_out, dispatch_uid="sign_in.log_lockout")
def log_lockout(sender, request, username, ip_address, **kwargs):
    """axes masks the username and address in its own log lines; the security log names them."""
    logger.warning(
        "Sign-in locked after repeated failures: username %r from %s", username, ip_address
    )
