"""Site administrators manage promoted search results (Settings → Promoted search results).

Editors and clinical reviewers do not: a promotion's description is text patients read,
and it goes live without the Clinical review workflow, as a direct publish does, which only
Site administrators may do (content/pages/migrations/0004).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Site administrators"
CODENAMES = ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"]


def grant(apps, schema_editor):
    # Permissions are normally created after every migration ran; these are needed now.
    app_config = apps.get_app_config("wagtailsearchpromotions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group = apps.get_model("auth.Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth.Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*permissions(apps))


def permissions(apps):
    return apps.get_model("auth.Permission").objects.filter(
        content_type__app_label="wagtailsearchpromotions", codename__in=CODENAMES
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_stemmed_search_index"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("content", "0004_roles_and_clinical_review_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
