
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0010_care_team'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.AddField(
            model_name='homepage',
            name='share_image',
            field=models.ForeignKey(blank=True, help_text="Shown when someone shares this page's address. It is cut to 1200 × 630 around its focal point. Leave empty to use a picture made from the title.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image'),
        ),
        migrations.AddField(
            model_name='procedurepage',
            name='share_image',
            field=models.ForeignKey(blank=True, help_text="Shown when someone shares this page's address. It is cut to 1200 × 630 around its focal point. Leave empty to use a picture made from the title.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image'),
        ),
        migrations.AddField(
            model_name='referrerpage',
            name='share_image',
            field=models.ForeignKey(blank=True, help_text="Shown when someone shares this page's address. It is cut to 1200 × 630 around its focal point. Leave empty to use a picture made from the title.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image'),
        ),
        migrations.AddField(
            model_name='standardpage',
            name='share_image',
            field=models.ForeignKey(blank=True, help_text="Shown when someone shares this page's address. It is cut to 1200 × 630 around its focal point. Leave empty to use a picture made from the title.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image'),
        ),
    ]
