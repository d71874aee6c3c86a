
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0001_initial'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.AddField(
            model_name='clinician',
            name='bio',
            field=models.TextField(blank=True, help_text="Two or three plain sentences a patient would want to know, such as what this person does for them. Shown in 'Your care team' on procedure pages.", max_length=600),
        ),
        migrations.AddField(
            model_name='clinician',
            name='photo',
            field=models.ForeignKey(blank=True, help_text='A head-and-shoulders photo, shown small and cropped to a square. Optional.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image'),
        ),
    ]
