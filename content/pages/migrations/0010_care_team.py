
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0009_menu_title'),
        ('review', '0002_clinician_photo_and_bio'),
    ]

    operations = [
        migrations.AddField(
            model_name='procedurepage',
            name='care_team_heading',
            field=models.CharField(default='Your care team', help_text="The section's heading.", max_length=80),
        ),
        migrations.CreateModel(
            name='ProcedurePageClinician',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('clinician', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='review.clinician')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='care_team', to='content.procedurepage')),
            ],
            options={
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
    ]
