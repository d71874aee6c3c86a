from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    """Every existing reference is English: give it the English locale and a translation key."""

    dependencies = [("content", "0015_translatable_bootstrap")]

    operations = [BootstrapTranslatableModel("content.Reference", language_code="en")]
