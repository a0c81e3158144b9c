"""Reports point at the committee models in their new app (same tables, same columns)."""


import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('committee', '0001_initial'),
        ('reports', '0001_initial'),
    ]

    state_operations = [
        migrations.AlterField(
            model_name='report',
            name='meeting',
            field=models.ForeignKey(blank=True, help_text='Die Sitzung, in der der Bericht zur Kenntnis gegeben wird.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='committee.committeemeeting', verbose_name='Ausschusssitzung'),
        ),
        migrations.AlterField(
            model_name='reportschedule',
            name='committee',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='report_schedules', to='committee.committee', verbose_name='Ausschuss'),
        ),
    ]

    # The tables stay where they are: only Django's picture of the models changes.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
