"""The staff groups, and who may hand out which.

The groups come from content/pages/migrations/0004 (Editors, Clinical reviewers, Site
administrators) and from load_content (Referral coordinators). Two of them are
privileged: Referral coordinators read patient enquiries, and Site administrators manage
staff accounts. Only a superuser adds anyone to them, makes anyone a superuser, or edits
the account of a superuser or of a member of a privileged group.
"""

import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from wagtail.log_actions import log

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
SITE_ADMINISTRATORS = "Site administrators"
REFERRAL_COORDINATORS = "Referral coordinators"
PRIVILEGED_GROUPS = (REFERRAL_COORDINATORS, SITE_ADMINISTRATORS)

REFUSED = "accounts.refused"  # the audit log's action (wagtail_hooks.py)

logger = logging.getLogger(__name__)


def is_privileged_group_name(name):
    return (name or "").strip().casefold() in {group.casefold() for group in PRIVILEGED_GROUPS}


def may_grant(user, group):
    return user.is_superuser or not is_privileged_group_name(group.name)


def is_protected_account(account):
    """A superuser, or a member of a privileged group: only a superuser manages it."""
    if account.pk is None:
        return False
    return account.is_superuser or account.groups.filter(name__in=PRIVILEGED_GROUPS).exists()


def may_manage_account(user, account):
    """Whether user may change or delete account in the users admin.

    Anyone with the permission may edit their own account (the group rules still apply);
    only a superuser manages a protected one.
    """
    if user.is_superuser:
        return True
    if account.is_superuser:
        return False
    return account.pk == user.pk or not is_protected_account(account)


def superusers_only(groups):
    return " or ".join(sorted(group.name for group in groups))


def record_refusal(request, reason, target=None, attempted=""):
    """Tell the person why, and write the refusal to the log and to Wagtail's audit log.

    The audit entry is on the account or group concerned, or on the person refused when
    what they tried to create does not exist.
    """
    messages.error(request, reason)
    user = request.user
    logger.warning(
        "Refused to %s for %s (id %s): %s", attempted or "do that", user, user.pk, reason
    )
    if target is None or target.pk is None:
        # request.user may be wrapped more than once (django-otp): Wagtail's log() looks
        # up the model of what it is given, so it is given the account itself.
        target = get_user_model()._default_manager.get(pk=user.pk)
    log(
        instance=target,
        action=REFUSED,
        user=user,
        data={"reason": reason, "attempted": attempted, "target": str(target or "")},
    )
