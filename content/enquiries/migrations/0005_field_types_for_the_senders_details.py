from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enquiries', '0004_privacy_page'),
    ]

    operations = [
        migrations.AlterField(
            model_name='enquiryformfield',
            name='field_type',
            field=models.CharField(choices=[('singleline', 'Single line text'), ('multiline', 'Multi-line text'), ('email', 'Email'), ('name', 'Name of the person writing'), ('phone', 'Phone number'), ('number', 'Number'), ('url', 'URL'), ('checkbox', 'Checkbox'), ('checkboxes', 'Checkboxes'), ('dropdown', 'Drop down'), ('multiselect', 'Multiple select'), ('radio', 'Radio buttons'), ('date', 'Date'), ('datetime', 'Date/time'), ('hidden', 'Hidden field')], help_text="For the name, email and phone number of the person writing, choose 'Name of the person writing', 'Email' and 'Phone number': phones can then fill them in. If the form has a phone number and an email field and neither is required, people must give one of the two.", max_length=16, verbose_name='field type'),
        ),
    ]
