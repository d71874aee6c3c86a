
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0008_illustration_and_icon_array_blocks'),
    ]

    operations = [
        migrations.AddField(
            model_name='homepage',
            name='menu_title',
            field=models.CharField(blank=True, help_text="A short name for the menu and the breadcrumbs, such as 'Ask us'. Leave it empty to use the page title.", max_length=40),
        ),
        migrations.AddField(
            model_name='procedurepage',
            name='menu_title',
            field=models.CharField(blank=True, help_text="A short name for the menu and the breadcrumbs, such as 'Ask us'. Leave it empty to use the page title.", max_length=40),
        ),
        migrations.AddField(
            model_name='referrerpage',
            name='menu_title',
            field=models.CharField(blank=True, help_text="A short name for the menu and the breadcrumbs, such as 'Ask us'. Leave it empty to use the page title.", max_length=40),
        ),
        migrations.AddField(
            model_name='standardpage',
            name='menu_title',
            field=models.CharField(blank=True, help_text="A short name for the menu and the breadcrumbs, such as 'Ask us'. Leave it empty to use the page title.", max_length=40),
        ),
    ]
