"""The outage page is written again whenever what it shows changes."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from content.organisation.models import BrandSettings, ContactSettings

from . import outage_page

logger = logging.getLogger(__name__)


def write_outage_page():
    try:
        outage_page.write()
    except OSError:
        # The settings are saved; only the page for a future outage is out of date.
        logger.exception("The outage page could not be written")


@receiver(post_save, sender=ContactSettings)
@receiver(post_save, sender=BrandSettings)
def rewrite_outage_page(sender, **kwargs):
    transaction.on_commit(write_outage_page)
