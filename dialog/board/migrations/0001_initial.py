"""The board models, moved here from the dialog app; their tables keep their names."""


import dialog.board.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('dialog', '0005_committee_timestamps'),
        ('companies', '0004_german_validation_messages'),
        ('measures', '0002_phases_costs_progress_indicators_capacity'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(help_text='Reihenfolge auf der Tagesordnung (1, 2, 3 …).', verbose_name='TOP')),
                ('title', models.CharField(max_length=255, verbose_name='Titel')),
                ('description', models.TextField(blank=True, verbose_name='Erläuterung')),
                ('measure', models.ForeignKey(blank=True, help_text='Die Maßnahme, um die es in diesem Punkt geht (optional).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='board_agenda_items', to='measures.measure', verbose_name='Maßnahme')),
            ],
            options={
                'verbose_name': 'Tagesordnungspunkt',
                'verbose_name_plural': 'Tagesordnungspunkte',
                'db_table': 'dialog_agendaitem',
                'ordering': ['meeting', 'position'],
            },
        ),
        migrations.CreateModel(
            name='BoardMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(help_text='z. B. „12. Sitzung des Unternehmerbeirats“', max_length=200, verbose_name='Titel')),
                ('starts_at', models.DateTimeField(verbose_name='Beginn')),
                ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='Ende')),
                ('location', models.CharField(max_length=255, verbose_name='Ort')),
                ('minutes', models.TextField(blank=True, verbose_name='Protokoll')),
                ('minutes_released_at', models.DateTimeField(blank=True, help_text='Erst nach der Freigabe sehen die Mitglieder das Protokoll.', null=True, verbose_name='Protokoll freigegeben am')),
                ('invitation_sent_at', models.DateTimeField(blank=True, null=True, verbose_name='Einladung versandt am')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='angelegt am')),
            ],
            options={
                'verbose_name': 'Sitzung des Unternehmerbeirats',
                'verbose_name_plural': 'Sitzungen des Unternehmerbeirats',
                'db_table': 'dialog_boardmeeting',
                'ordering': ['-starts_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('ends_at__gt', models.F('starts_at')), _connector='OR'), name='board_meeting_ends_after_start')],
            },
        ),
        migrations.CreateModel(
            name='BoardDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=255, upload_to=dialog.board.models.board_document_path, verbose_name='Datei')),
                ('original_name', models.CharField(max_length=255, verbose_name='Dateiname')),
                ('content_type', models.CharField(max_length=120, verbose_name='Dateityp')),
                ('size', models.PositiveIntegerField(verbose_name='Größe in Bytes')),
                ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='hochgeladen am')),
                ('agenda_item', models.ForeignKey(blank=True, help_text='Leer lassen, wenn das Dokument zur ganzen Sitzung gehört.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='board.agendaitem', verbose_name='Tagesordnungspunkt')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='hochgeladen von')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='board.boardmeeting', verbose_name='Sitzung')),
            ],
            options={
                'verbose_name': 'Sitzungsdokument',
                'verbose_name_plural': 'Sitzungsdokumente',
                'db_table': 'dialog_boarddocument',
                'ordering': ['agenda_item__position', 'original_name'],
            },
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='meeting',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_items', to='board.boardmeeting', verbose_name='Sitzung'),
        ),
        migrations.CreateModel(
            name='BoardMembership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('chair', 'Vorsitz'), ('deputy', 'stellvertretender Vorsitz'), ('member', 'Mitglied')], default='member', max_length=10, verbose_name='Funktion')),
                ('started_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='Mitglied seit')),
                ('ended_on', models.DateField(blank=True, help_text='Letzter Tag der Mitgliedschaft; leer, solange sie andauert.', null=True, verbose_name='Mitglied bis')),
                ('company', models.ForeignKey(blank=True, help_text='Das Unternehmen, für das die Person im Beirat sitzt.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='board_memberships', to='companies.company', verbose_name='Unternehmen')),
                ('user', models.ForeignKey(help_text='Das Benutzerkonto des Mitglieds (Rolle Unternehmerbeirat).', on_delete=django.db.models.deletion.PROTECT, related_name='board_memberships', to=settings.AUTH_USER_MODEL, verbose_name='Person')),
            ],
            options={
                'verbose_name': 'Mitgliedschaft im Unternehmerbeirat',
                'verbose_name_plural': 'Mitgliedschaften im Unternehmerbeirat',
                'db_table': 'dialog_boardmembership',
                'ordering': ['role', 'user__full_name'],
            },
        ),
        migrations.CreateModel(
            name='MeasureComment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(max_length=4000, verbose_name='Kommentar')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='verfasst am')),
                ('hidden_at', models.DateTimeField(blank=True, null=True, verbose_name='ausgeblendet am')),
                ('hidden_reason', models.CharField(blank=True, max_length=500, verbose_name='Grund des Ausblendens')),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='measure_comments', to=settings.AUTH_USER_MODEL, verbose_name='verfasst von')),
                ('hidden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ausgeblendet von')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='board_comments', to='measures.measure', verbose_name='Maßnahme')),
            ],
            options={
                'verbose_name': 'Kommentar zu einer Maßnahme',
                'verbose_name_plural': 'Kommentare zu Maßnahmen',
                'db_table': 'dialog_measurecomment',
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='PriorityRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='Bezeichnung')),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='geöffnet am')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='geschlossen am')),
                ('is_open', models.BooleanField(default=True, verbose_name='offen')),
            ],
            options={
                'verbose_name': 'Priorisierungsrunde',
                'verbose_name_plural': 'Priorisierungsrunden',
                'db_table': 'dialog_priorityround',
                'ordering': ['-opened_at'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('is_open', True)), fields=('is_open',), name='priority_round_one_open'), models.CheckConstraint(condition=models.Q(models.Q(('closed_at__isnull', True), ('is_open', True)), models.Q(('closed_at__isnull', False), ('is_open', False)), _connector='OR'), name='priority_round_closed_has_date')],
            },
        ),
        migrations.CreateModel(
            name='PriorityVote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField(help_text='1 (unwichtig) bis 5 (sehr wichtig)', verbose_name='Bewertung')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='board_priority_votes', to='measures.measure', verbose_name='Maßnahme')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='board.priorityround', verbose_name='Runde')),
                ('voter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='board_priority_votes', to=settings.AUTH_USER_MODEL, verbose_name='Mitglied')),
            ],
            options={
                'verbose_name': 'Priorisierungsstimme',
                'verbose_name_plural': 'Priorisierungsstimmen',
                'db_table': 'dialog_priorityvote',
                'ordering': ['round', 'measure'],
            },
        ),
        migrations.CreateModel(
            name='Resolution',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='Beschlusstext')),
                ('votes_for', models.PositiveSmallIntegerField(default=0, verbose_name='Ja-Stimmen')),
                ('votes_against', models.PositiveSmallIntegerField(default=0, verbose_name='Nein-Stimmen')),
                ('votes_abstain', models.PositiveSmallIntegerField(default=0, verbose_name='Enthaltungen')),
                ('effect', models.CharField(choices=[('none', 'keine Wirkung auf eine Maßnahme'), ('approve', 'Maßnahme befürworten (geplant)'), ('prioritise', 'Priorität festlegen'), ('defer', 'Maßnahme zurückstellen')], default='none', max_length=12, verbose_name='Wirkung')),
                ('priority', models.PositiveSmallIntegerField(blank=True, choices=[(1, 'hoch'), (2, 'mittel'), (3, 'niedrig')], help_text='Nur bei der Wirkung „Priorität festlegen“.', null=True, verbose_name='neue Priorität')),
                ('reason', models.TextField(blank=True, help_text='Pflicht beim Zurückstellen einer Maßnahme.', verbose_name='Begründung')),
                ('applied_at', models.DateTimeField(blank=True, null=True, verbose_name='umgesetzt am')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='angelegt am')),
                ('agenda_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='resolutions', to='board.agendaitem', verbose_name='Tagesordnungspunkt')),
                ('applied_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='umgesetzt von')),
                ('measure', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='board_resolutions', to='measures.measure', verbose_name='betroffene Maßnahme')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='resolutions', to='board.boardmeeting', verbose_name='Sitzung')),
            ],
            options={
                'verbose_name': 'Beschluss des Unternehmerbeirats',
                'verbose_name_plural': 'Beschlüsse des Unternehmerbeirats',
                'db_table': 'dialog_resolution',
                'ordering': ['meeting', 'pk'],
            },
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.UniqueConstraint(fields=('meeting', 'position'), name='agenda_item_unique_position'),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.CheckConstraint(condition=models.Q(('position__gte', 1)), name='agenda_item_position_positive'),
        ),
        migrations.AddConstraint(
            model_name='boardmembership',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('role', 'chair')), fields=('role',), name='board_membership_one_open_chair'),
        ),
        migrations.AddConstraint(
            model_name='boardmembership',
            constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True), ('role', 'deputy')), fields=('role',), name='board_membership_one_open_deputy'),
        ),
        migrations.AddConstraint(
            model_name='boardmembership',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='board_membership_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='measurecomment',
            constraint=models.CheckConstraint(condition=models.Q(('hidden_at__isnull', True), models.Q(('hidden_reason', ''), _negated=True), _connector='OR'), name='measure_comment_hidden_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='priorityvote',
            constraint=models.UniqueConstraint(fields=('round', 'measure', 'voter'), name='priority_vote_once_per_round'),
        ),
        migrations.AddConstraint(
            model_name='priorityvote',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='priority_vote_score_1_to_5'),
        ),
        migrations.AddConstraint(
            model_name='resolution',
            constraint=models.CheckConstraint(condition=models.Q(('effect', 'none'), ('measure__isnull', False), _connector='OR'), name='resolution_effect_needs_measure'),
        ),
        migrations.AddConstraint(
            model_name='resolution',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('effect', 'prioritise'), _negated=True), ('priority__isnull', False), _connector='OR'), name='resolution_prioritise_needs_priority'),
        ),
        migrations.AddConstraint(
            model_name='resolution',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('effect', 'defer'), _negated=True), models.Q(('reason', ''), _negated=True), _connector='OR'), name='resolution_defer_needs_reason'),
        ),
    ]

    # The tables stay where they are: only Django's picture of the models changes.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
