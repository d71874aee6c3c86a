from django.db import models
from wagtail.admin.panels import FieldPanel


class ShareImageMixin(models.Model):
    """A picture a page chooses for when its address is shared; without one, the site
    draws one from the title and the brand (share_image.py)."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when someone shares this page's address. It is cut to 1200 × 630 "
        "around its focal point. Leave empty to use a picture made from the title.",
    )

    share_image_panel = FieldPanel("share_image")

    class Meta:
        abstract = True
