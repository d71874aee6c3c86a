"""The organisation models, moved here from the "content" app with their tables.

State only: the tables stay as they are (each model keeps its db_table), and
content.0007_move_models_to_capability_apps moves their content types, and with them
every permission, revision, workflow state and log entry that points at them.
"""

import django.core.validators
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
                    name='ContactSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('organisation_name', models.CharField(default='Spine Tumor Program', max_length=120)),
                        ('phone', models.CharField(blank=True, help_text='The number patients and referrers call. Shown on every page.', max_length=30, validators=[django.core.validators.RegexValidator('^\\+?[0-9][0-9 ().-]{6,24}$', 'Enter a phone number using digits, spaces, brackets and dashes, such as 555-0100.')])),
                        ('fax', models.CharField(blank=True, max_length=30, validators=[django.core.validators.RegexValidator('^\\+?[0-9][0-9 ().-]{6,24}$', 'Enter a phone number using digits, spaces, brackets and dashes, such as 555-0100.')])),
                        ('email', models.EmailField(blank=True, help_text='For referrals and general questions.', max_length=254)),
                        ('address', models.TextField(blank=True, help_text='One line per line of the address.')),
                        ('opening_hours', models.CharField(blank=True, max_length=200)),
                        ('emergency_instruction', models.CharField(blank=True, help_text='Shown in the footer of every page, for example when to call 911.', max_length=300)),
                        ('footer_disclaimer', models.TextField(blank=True)),
                    ],
                    options={
                        'verbose_name': 'Contact details',
                        'db_table': 'content_contactsettings',
                    },
                ),
            ],
        ),
    ]
