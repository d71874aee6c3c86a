"""Audit log entries that are kept: who read or exported patient enquiries, who was refused
a privilege, and the clinical sign-offs and refusals (actions "enquiries.*", "accounts.*",
"review.*").

Wagtail's admin offers no way to delete log entries; this refuses it anywhere else in
Django too, so that no view added later, and no cascade, removes them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete
from wagtail.models import ModelLogEntry, PageLogEntry

KEPT_ACTIONS = ("enquiries.", "accounts.", "review.")


class AuditEntryKept(PermissionDenied):
    pass


def refuse_to_delete(sender, instance, **kwargs):
    if instance.action.startswith(KEPT_ACTIONS):
        raise AuditEntryKept(
            f"Audit log entry {instance.pk} ({instance.action}) is kept and cannot be deleted."
        )


def keep_audit_entries():
    for model in (PageLogEntry, ModelLogEntry):
        pre_delete.connect(refuse_to_delete, sender=model, dispatch_uid=f"keep-{model.__name__}")
