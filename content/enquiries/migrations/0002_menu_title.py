
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('enquiries', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='enquiryformpage',
            name='menu_title',
            field=models.CharField(blank=True, help_text="A short name for the menu and the breadcrumbs, such as 'Ask us'. Leave it empty to use the page title.", max_length=40),
        ),
    ]
