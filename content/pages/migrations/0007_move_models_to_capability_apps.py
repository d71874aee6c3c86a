"""Models move from the "content" app to one app per capability, with nothing lost.

Each moved model keeps its table (db_table), so no row is touched. Its content type is
renamed in place (same id, new app label), so every row that points at it keeps pointing
at it: page rows, permissions and group permissions, revisions, workflow states and the
workflow's content types, log entries, search index and reference index entries.
"""

import django.db.models.deletion
from django.db import migrations, models

MOVED = {
    "organisation": ["contactsettings"],
    "review": ["clinician", "reviewreminder"],
    "glossary": ["glossaryterm", "glossarypage"],
    "enquiries": ["enquiryformpage", "enquiryformfield"],
}


def rename_content_types(apps, old_label, new_label_for):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, new_label in new_label_for.items():
        moving = ContentType.objects.filter(app_label=old_label(model), model=model)
        if ContentType.objects.filter(app_label=new_label, model=model).exists():
            if moving.exists():
                raise RuntimeError(
                    f"Both {old_label(model)}.{model} and {new_label}.{model} have a content "
                    "type; merge them by hand before migrating."
                )
            continue
        moving.update(app_label=new_label)


def move_content_types(apps, schema_editor):
    new_label_for = {model: app for app, models_ in MOVED.items() for model in models_}
    rename_content_types(apps, lambda model: "content", new_label_for)


def move_content_types_back(apps, schema_editor):
    new_label_for = {model: "content" for models_ in MOVED.values() for model in models_}
    old_label_for = {model: app for app, models_ in MOVED.items() for model in models_}
    rename_content_types(apps, old_label_for.get, new_label_for)


def reviewed_by():
    return models.ForeignKey(
        blank=True,
        help_text="The clinician who checked this page's facts.",
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to="review.clinician",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0006_referrer_page_review_dates"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("enquiries", "0001_initial"),
        ("glossary", "0001_initial"),
        ("organisation", "0001_initial"),
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                *(
                    migrations.AlterField(model_name=page, name="reviewed_by", field=reviewed_by())
                    for page in ("procedurepage", "standardpage", "referrerpage")
                ),
                migrations.DeleteModel(name="ContactSettings"),
                migrations.DeleteModel(name="ReviewReminder"),
                migrations.DeleteModel(name="Clinician"),
                migrations.DeleteModel(name="EnquiryFormField"),
                migrations.DeleteModel(name="EnquiryFormPage"),
                migrations.DeleteModel(name="GlossaryPage"),
                migrations.DeleteModel(name="GlossaryTerm"),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
