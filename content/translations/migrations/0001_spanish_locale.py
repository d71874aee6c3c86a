"""The site's second language: Spanish (settings.LANGUAGES). English, the default, is the
locale Wagtail created first."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes")]

    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
