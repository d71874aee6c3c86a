from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    """Every existing clinician is English: give it the English locale and a translation key."""

    dependencies = [("review", "0005_clinician_translatable_bootstrap")]

    operations = [BootstrapTranslatableModel("review.Clinician", language_code="en")]
