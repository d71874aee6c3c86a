# Four eyes in Clinical review: its own task type, clinicians linked to staff accounts, and
# a record of each sign-off.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0002_clinician_photo_and_bio'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ClinicalReviewTask',
            fields=[
                ('groupapprovaltask_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.groupapprovaltask')),
            ],
            options={
                'verbose_name': 'clinical review task',
                'verbose_name_plural': 'clinical review tasks',
            },
            bases=('wagtailcore.groupapprovaltask',),
        ),
        migrations.AlterModelOptions(
            name='clinician',
            options={'ordering': ['name'], 'permissions': [('link_staff_account', 'Can link a clinician to a staff account')]},
        ),
        migrations.AddField(
            model_name='clinician',
            name='user',
            field=models.OneToOneField(blank=True, help_text="The clinician's own account, if they review pages: when they approve a page in Clinical review, they are its reviewer.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='clinician', to=settings.AUTH_USER_MODEL, verbose_name='staff account'),
        ),
        migrations.CreateModel(
            name='ClinicalSignOff',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reviewed_on', models.DateField()),
                ('approved_at', models.DateTimeField(auto_now_add=True)),
                ('approved_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.page')),
                ('reviewed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sign_offs', to='review.clinician')),
                ('revision', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision')),
            ],
            options={
                'ordering': ['-approved_at', '-pk'],
                'get_latest_by': 'approved_at',
            },
        ),
    ]
