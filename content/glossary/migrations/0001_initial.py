"""The glossary models, moved here from the "content" app with their tables.

State only: the tables stay as they are (each model keeps its db_table), and
content.0007_move_models_to_capability_apps moves their content types, and with them
every permission, revision, workflow state and log entry that points at them.
"""

import content.plain_language.checks
import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("content", "0006_referrer_page_review_dates"),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='GlossaryPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                        ('intro', models.TextField(blank=True, help_text='A sentence or two above the list, in plain words.')),
                    ],
                    options={
                        'db_table': 'content_glossarypage',
                    },
                    bases=(content.plain_language.checks.PlainLanguageCheckMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='GlossaryTerm',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('term', models.CharField(help_text='For example: metastasis', max_length=80, unique=True)),
                        ('definition', models.TextField(help_text='One or two short sentences in plain words, as you would say them to a patient.')),
                        ('other_forms', models.TextField(blank=True, help_text='Other forms of the word that the pages use, one per line or separated by commas. For example: metastases, metastatic, metastasized')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                    ],
                    options={
                        'db_table': 'content_glossaryterm',
                        'ordering': ['term'],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
        ),
    ]
