"""The Clinical review workflow's task becomes a ClinicalReviewTask, in place.

The task keeps its id, name, groups, workflow and task states (a page waiting in review
stays waiting): only a row is added beside its GroupApprovalTask row and its content type
changes, so that Wagtail loads it as the four-eyes task. Site administrators get the new
permission to link a clinician to a staff account.
"""

from django.db import migrations

WORKFLOW = "Clinical review"


def clinical_review_tasks(apps):
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        return []
    task_ids = WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    return list(GroupApprovalTask.objects.filter(pk__in=task_ids))


def to_clinical_review_task(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Task = apps.get_model("wagtailcore.Task")
    ClinicalReviewTask = apps.get_model("review.ClinicalReviewTask")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="review", model="clinicalreviewtask"
    )
    for task in clinical_review_tasks(apps):
        if ClinicalReviewTask.objects.filter(pk=task.pk).exists():
            continue
        child = ClinicalReviewTask(
            groupapprovaltask_ptr_id=task.pk,
            task_ptr_id=task.pk,
            name=task.name,
            active=task.active,
            content_type_id=content_type.pk,
        )
        child.save_base(raw=True)  # this row only: the task's own rows stay as they are
        Task.objects.filter(pk=task.pk).update(content_type=content_type)
    grant_linking(apps)


def grant_linking(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    clinician, _ = ContentType.objects.get_or_create(app_label="review", model="clinician")
    permission, _ = Permission.objects.get_or_create(
        content_type=clinician,
        codename="link_staff_account",
        defaults={"name": "Can link a clinician to a staff account"},
    )
    for group in Group.objects.filter(name="Site administrators"):
        group.permissions.add(permission)


def to_group_approval_task(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Task = apps.get_model("wagtailcore.Task")
    ClinicalReviewTask = apps.get_model("review.ClinicalReviewTask")
    group_approval, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    ids = list(ClinicalReviewTask.objects.values_list("pk", flat=True))
    ClinicalReviewTask.objects.filter(pk__in=ids)._raw_delete(schema_editor.connection.alias)
    Task.objects.filter(pk__in=ids).update(content_type=group_approval)


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0003_four_eyes_sign_off"),
        ("content", "0004_roles_and_clinical_review_workflow"),
    ]

    operations = [migrations.RunPython(to_clinical_review_task, to_group_approval_task)]
