"""The review models, moved here from the "content" app with their tables.

State only: the tables stay as they are (each model keeps its db_table), and
content.0007_move_models_to_capability_apps moves their content types, and with them
every permission, revision, workflow state and log entry that points at them.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("content", "0006_referrer_page_review_dates"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Clinician',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120)),
                        ('credentials', models.CharField(blank=True, help_text='For example: MD, FSIR', max_length=120)),
                        ('role', models.CharField(blank=True, max_length=200)),
                    ],
                    options={
                        'db_table': 'content_clinician',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sent_on', models.DateField(unique=True)),
                        ('recipients', models.PositiveIntegerField(default=0)),
                        ('pages', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'content_reviewreminder',
                    },
                ),
            ],
        ),
    ]
