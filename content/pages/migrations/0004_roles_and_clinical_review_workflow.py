"""Roles and the Clinical review workflow.

- Editors: create and edit pages and submit them for review; never publish.
- Clinical reviewers (Wagtail's "Moderators" group, renamed): edit, and approve or request
  changes in the Clinical review workflow. Publish permission removed, so a page goes live
  only through an approval.
- Site administrators: everything a superuser does in day-to-day running (pages, snippets,
  settings, users, workflows), including publishing directly for urgent corrections.
- Wagtail's default "Moderators approval" workflow becomes "Clinical review": one group
  approval task for Clinical reviewers, on the root page, so the home page and every page
  below it, and on glossary terms. No other group keeps a path to publish.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Clinical reviewers": ["add_page", "change_page", "lock_page", "unlock_page"],
    "Site administrators": [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
MODEL_PERMISSIONS = {
    "Editors": [
        ("wagtailadmin", "admin", ["access"]),
        # Glossary terms are drafts until a clinical reviewer approves them.
        ("content", "glossaryterm", ["add", "change", "view"]),
        # A new reference appears only on a page that a reviewer approves; changing one
        # would change live pages without review, so editors cannot.
        ("content", "reference", ["add", "view"]),
        ("content", "clinician", ["view"]),
    ],
    "Clinical reviewers": [
        ("wagtailadmin", "admin", ["access"]),
        ("content", "glossaryterm", ["add", "change", "delete", "view"]),
        ("content", "reference", ["add", "change", "view"]),
        ("content", "clinician", ["add", "change", "view"]),
    ],
    "Site administrators": [
        ("wagtailadmin", "admin", ["access"]),
        ("content", "glossaryterm", ["add", "change", "delete", "publish", "view"]),
        ("content", "reference", ["add", "change", "delete", "view"]),
        ("content", "clinician", ["add", "change", "delete", "view"]),
        ("content", "contactsettings", ["change", "view"]),
        ("auth", "user", ["add", "change", "delete", "view"]),
        ("auth", "group", ["add", "change", "delete", "view"]),
        ("wagtailcore", "workflow", ["add", "change", "delete"]),
        ("wagtailcore", "task", ["add", "change", "delete"]),
        ("wagtailcore", "site", ["add", "change", "delete"]),
        ("wagtailcore", "collection", ["add", "change", "delete"]),
        ("wagtailredirects", "redirect", ["add", "change", "delete"]),
        ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
    ],
}
WORKFLOW = "Clinical review"
DEFAULT_WORKFLOW = "Moderators approval"


def make_permissions(apps):
    """Permissions are normally created after every migration ran; this one needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def make_publish_permission(apps, app_label, model, verbose_name):
    """Wagtail adds "publish" for draft-state snippets after all migrations; it is needed now."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"publish_{model}",
        defaults={"name": f"Can publish {verbose_name}"},
    )


def set_up_roles(apps, schema_editor):
    make_permissions(apps)
    make_publish_permission(apps, "content", "glossaryterm", "glossary term")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    moderators = Group.objects.filter(name="Moderators").first()
    if moderators and not Group.objects.filter(name="Clinical reviewers").exists():
        moderators.name = "Clinical reviewers"
        moderators.save()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}

    root = Page.objects.filter(depth=1).order_by("path").first()
    page_permissions = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        )
    }
    for name, codenames in PAGE_PERMISSIONS.items():
        group = groups[name]
        # Whatever Wagtail's defaults gave this group, it keeps only these page permissions.
        GroupPagePermission.objects.filter(group=group).exclude(
            permission__codename__in=codenames
        ).delete()
        if root is not None:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=page_permissions[codename]
                )
    for name, grants in MODEL_PERMISSIONS.items():
        for app_label, model, actions in grants:
            for action in actions:
                permission = Permission.objects.filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=f"{action}_{model}",
                ).first()
                if permission is not None:
                    groups[name].permissions.add(permission)
    grant_collection_permissions(apps, groups["Site administrators"])


def grant_collection_permissions(apps, group):
    """Images and documents are permitted per collection: the root covers them all."""
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Permission = apps.get_model("auth.Permission")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in ("add", "change", "delete", "choose"):
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def set_up_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    reviewers = Group.objects.get(name="Clinical reviewers")
    workflow = (
        Workflow.objects.filter(name=WORKFLOW).first()
        or Workflow.objects.filter(name=DEFAULT_WORKFLOW).first()
        or Workflow.objects.create(name=WORKFLOW, active=True)
    )
    workflow.name = WORKFLOW
    workflow.active = True
    workflow.save()

    link = WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order").first()
    task = GroupApprovalTask.objects.filter(pk=link.task_id).first() if link else None
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW, content_type=content_type, active=True
        )
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    task.name = WORKFLOW
    task.active = True
    task.save()
    task.groups.set([reviewers])

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    # A workflow set lower in the tree would override this one: none may skip the review.
    WorkflowPage.objects.exclude(workflow=workflow).delete()

    # Glossary definitions reach patients too: the same review before they go live.
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    glossary_term, _ = ContentType.objects.get_or_create(app_label="content", model="glossaryterm")
    WorkflowContentType.objects.update_or_create(
        content_type=glossary_term, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_clinical_review_and_glossary"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [
        migrations.RunPython(set_up_roles, migrations.RunPython.noop),
        migrations.RunPython(set_up_workflow, migrations.RunPython.noop),
    ]
