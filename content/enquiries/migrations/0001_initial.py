"""The enquiries models, moved here from the "content" app with their tables.

State only: the tables stay as they are (each model keeps its db_table), and
content.0007_move_models_to_capability_apps moves their content types, and with them
every permission, revision, workflow state and log entry that points at them.
"""

import django.db.models.deletion
import modelcluster.fields
import wagtail.contrib.forms.models
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
                    name='EnquiryFormPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.page')),
                        ('to_address', models.CharField(blank=True, help_text='Optional - form submissions will be emailed to these addresses. Separate multiple addresses by comma.', max_length=255, validators=[wagtail.contrib.forms.models.validate_to_address], verbose_name='to address')),
                        ('from_address', models.EmailField(blank=True, max_length=255, verbose_name='from address')),
                        ('subject', models.CharField(blank=True, max_length=255, verbose_name='subject')),
                        ('intro', models.TextField(blank=True, help_text='A sentence or two above the form.')),
                        ('privacy_notice', models.TextField(default='Please do not send medical records, scan results or details about your health through this form. It is not a secure way to share them. We will tell you how to send them safely when we talk.', help_text='Shown above the form, so that nobody sends medical records through it.')),
                        ('thank_you_heading', models.CharField(default='Thank you, we got your message', max_length=120)),
                        ('thank_you_text', models.TextField(blank=True, help_text='What happens next, and when. One paragraph per line.')),
                    ],
                    options={
                        'verbose_name': 'enquiry form page',
                        'db_table': 'content_enquiryformpage',
                    },
                    bases=(wagtail.contrib.forms.models.FormMixin, 'wagtailcore.page', models.Model),
                ),
                migrations.CreateModel(
                    name='EnquiryFormField',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('clean_name', models.CharField(blank=True, default='', help_text='Safe name of the form field, the label converted to ascii_snake_case', max_length=255, verbose_name='name')),
                        ('label', models.CharField(help_text='The label of the form field', max_length=255, verbose_name='label')),
                        ('field_type', models.CharField(choices=[('singleline', 'Single line text'), ('multiline', 'Multi-line text'), ('email', 'Email'), ('number', 'Number'), ('url', 'URL'), ('checkbox', 'Checkbox'), ('checkboxes', 'Checkboxes'), ('dropdown', 'Drop down'), ('multiselect', 'Multiple select'), ('radio', 'Radio buttons'), ('date', 'Date'), ('datetime', 'Date/time'), ('hidden', 'Hidden field')], max_length=16, verbose_name='field type')),
                        ('required', models.BooleanField(default=True, verbose_name='required')),
                        ('choices', models.TextField(blank=True, help_text='Comma or new line separated list of choices. Only applicable in checkboxes, radio and dropdown.', verbose_name='choices')),
                        ('default_value', models.TextField(blank=True, help_text='Default value. Comma or new line separated values supported for checkboxes.', verbose_name='default value')),
                        ('help_text', models.CharField(blank=True, max_length=255, verbose_name='help text')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='form_fields', to='enquiries.enquiryformpage')),
                    ],
                    options={
                        'db_table': 'content_enquiryformfield',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
            ],
        ),
    ]
