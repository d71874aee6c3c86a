"""Brand settings: the program's name moves from the contact details to the brand."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def move_program_name(apps, schema_editor):
    ContactSettings = apps.get_model("organisation", "ContactSettings")
    BrandSettings = apps.get_model("organisation", "BrandSettings")
    contact = ContactSettings.objects.order_by("pk").first()
    if contact is not None and not BrandSettings.objects.exists():
        BrandSettings.objects.create(program_name=contact.organisation_name)


def move_program_name_back(apps, schema_editor):
    ContactSettings = apps.get_model("organisation", "ContactSettings")
    BrandSettings = apps.get_model("organisation", "BrandSettings")
    brand = BrandSettings.objects.order_by("pk").first()
    if brand is not None:
        ContactSettings.objects.update(organisation_name=brand.program_name)


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0001_initial'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.CreateModel(
            name='BrandSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('program_name', models.CharField(default='Spine Tumor Program', help_text="Shown beside the logo on every page, and after each page's title.", max_length=80)),
                ('hospital_name', models.CharField(blank=True, help_text='The hospital the program belongs to. Shown in the header when there is no logo, and in share previews.', max_length=120)),
                ('accent_colour', models.CharField(default='#004a80', help_text='Used for the header, buttons and links, so text on it and in it must stay readable: it needs a contrast of at least 4.5:1 with white.', max_length=7, validators=[django.core.validators.RegexValidator('^#[0-9a-fA-F]{6}$', 'Enter a colour as # and six hexadecimal digits, such as #004a80.')])),
                ('logo', models.ForeignKey(blank=True, help_text="The hospital's logo, shown small in the header (SVG is best). Its text alternative is the hospital's name.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
            ],
            options={
                'verbose_name': 'Brand',
            },
        ),
        migrations.RunPython(move_program_name, move_program_name_back),
        migrations.RemoveField(
            model_name='contactsettings',
            name='organisation_name',
        ),
    ]
