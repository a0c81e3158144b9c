"""The committee models, moved here from the dialog app; their tables keep their names."""


import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('dialog', '0005_committee_timestamps'),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Committee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255, unique=True, verbose_name='Name')),
                ('short_name', models.CharField(blank=True, max_length=20, verbose_name='Kurzname')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='angelegt am')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
            ],
            options={
                'verbose_name': 'Ausschuss',
                'verbose_name_plural': 'Ausschüsse',
                'db_table': 'dialog_committee',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='CommitteeMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('starts_at', models.DateTimeField(verbose_name='Beginn')),
                ('location', models.CharField(blank=True, max_length=255, verbose_name='Ort')),
                ('public', models.BooleanField(default=True, verbose_name='öffentliche Sitzung')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='angelegt am')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                ('committee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='committee.committee', verbose_name='Ausschuss')),
            ],
            options={
                'verbose_name': 'Ausschusssitzung',
                'verbose_name_plural': 'Ausschusssitzungen',
                'db_table': 'dialog_committeemeeting',
                'ordering': ['starts_at'],
                'constraints': [models.UniqueConstraint(fields=('committee', 'starts_at'), name='committee_meeting_unique_start')],
            },
        ),
    ]

    # The tables stay where they are: only Django's picture of the models changes.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
