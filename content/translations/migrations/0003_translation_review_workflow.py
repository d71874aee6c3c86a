"""The Translation review workflow and the group that does it.

- "Medical translators": qualified medical translators. They can reach the admin, and edit
  and approve a page while it is in Translation review (Wagtail gives a task's reviewers
  the editor); they cannot publish otherwise, or change English pages.
- "Translation review": one TranslationReviewTask for Medical translators. Each language's
  home page other than English gets it (content/translations/signals.py), here for the
  ones that already exist.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW = "Translation review"
GROUP = "Medical translators"


def set_up(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    TranslationReviewTask = apps.get_model("translations.TranslationReviewTask")
    Site = apps.get_model("wagtailcore.Site")
    Page = apps.get_model("wagtailcore.Page")

    group, _ = Group.objects.get_or_create(name=GROUP)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)

    content_type, _ = ContentType.objects.get_or_create(
        app_label="translations", model="translationreviewtask"
    )
    task = TranslationReviewTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = TranslationReviewTask.objects.create(
            name=WORKFLOW, active=True, content_type=content_type
        )
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})

    default_locale_ids = {site.root_page.locale_id for site in Site.objects.all()}
    for site in Site.objects.all():
        homes = Page.objects.filter(translation_key=site.root_page.translation_key).exclude(
            locale_id__in=default_locale_ids
        )
        for home in homes:
            WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0002_translation_review_task"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
