
import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0003_footer_links_and_enquiry_page'),
    ]

    operations = [
        migrations.AddField(
            model_name='contactsettings',
            name='after_hours_phone',
            field=models.CharField(blank=True, help_text='For nights and weekends, when the number above is closed. Shown where pages tell patients when to call their care team.', max_length=30, validators=[django.core.validators.RegexValidator('^\\+?[0-9][0-9 ().-]{6,24}$', 'Enter a phone number using digits, spaces, brackets and dashes, such as 555-0100.')], verbose_name='After-hours phone'),
        ),
    ]
