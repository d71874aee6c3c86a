from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    """Every existing glossary term is English: give it the English locale and a
    translation key."""

    dependencies = [("glossary", "0003_translatable_bootstrap")]

    operations = [BootstrapTranslatableModel("glossary.GlossaryTerm", language_code="en")]
