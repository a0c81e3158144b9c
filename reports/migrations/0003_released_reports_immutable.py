"""Released reports are unchangeable: the withdrawal's fields, and on PostgreSQL a trigger that
refuses every UPDATE and DELETE of a released report except recording its withdrawal.

The trigger backs up ``Report.save``/``delete`` and ``ReportQuerySet.update``/``delete`` below
the ORM (raw SQL, a shell, another program on the database). It compares whole rows as JSON,
so a column added later is protected without touching the trigger. Allowed on a released row:

* its withdrawal, once: ``withdrawn_at``, ``withdrawn_by_id``, ``withdrawal_reason`` and
  ``updated_at`` change while ``withdrawn_at`` goes from NULL to a time;
* clearing a reference to a deleted user account or schedule (``on_delete=SET_NULL``):
  ``author_id``, ``released_by_id``, ``schedule_id``, ``withdrawn_by_id`` set to NULL.

A data migration that must change released rows has to drop and recreate the trigger itself.
SQLite (the embedded default) has no trigger; the model refuses the same there.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION reports_report_keep_released() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := to_jsonb(OLD);
    new_row jsonb := to_jsonb(NEW);
    reference text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Der Bericht % ist freigegeben und kann nicht gelöscht werden.', OLD.number
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    FOREACH reference IN ARRAY ARRAY['author_id', 'released_by_id', 'schedule_id', 'withdrawn_by_id'] LOOP
        IF new_row ->> reference IS NULL THEN
            old_row := old_row - reference;
            new_row := new_row - reference;
        END IF;
    END LOOP;
    IF OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL THEN
        old_row := old_row - ARRAY['withdrawn_at', 'withdrawn_by_id', 'withdrawal_reason', 'updated_at'];
        new_row := new_row - ARRAY['withdrawn_at', 'withdrawn_by_id', 'withdrawal_reason', 'updated_at'];
    END IF;
    IF new_row IS DISTINCT FROM old_row THEN
        RAISE EXCEPTION 'Der Bericht % ist freigegeben und kann nicht mehr geändert werden.', OLD.number
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$
"""

TRIGGER_SQL = """
CREATE TRIGGER reports_report_keep_released
    BEFORE UPDATE OR DELETE ON reports_report
    FOR EACH ROW WHEN (OLD.status = 'released')
    EXECUTE FUNCTION reports_report_keep_released()
"""


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """``RunSQL`` on PostgreSQL; nothing on other databases (SQLite, the embedded default)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ('committee', '0001_initial'),
        ('reports', '0002_committee_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='withdrawal_reason',
            field=models.TextField(blank=True, help_text='Warum der freigegebene Bericht zurückgezogen oder berichtigt wurde.', verbose_name='Grund der Zurückziehung'),
        ),
        migrations.AddField(
            model_name='report',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, help_text='Nur bei einem freigegebenen Bericht, der zurückgezogen wurde.', null=True, verbose_name='zurückgezogen am'),
        ),
        migrations.AddField(
            model_name='report',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='zurückgezogen von'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(('withdrawn_at__isnull', True), ('status', 'released'), _connector='OR'), name='report_withdrawn_only_when_released'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('withdrawn_at__isnull', True), ('withdrawal_reason', '')), models.Q(('withdrawn_at__isnull', False), models.Q(('withdrawal_reason', ''), _negated=True)), _connector='OR'), name='report_withdrawal_has_reason'),
        ),
        RunSQLOnPostgreSQL(
            sql=[FUNCTION_SQL, TRIGGER_SQL],
            reverse_sql=[
                "DROP TRIGGER IF EXISTS reports_report_keep_released ON reports_report",
                "DROP FUNCTION IF EXISTS reports_report_keep_released()",
            ],
            elidable=False,
        ),
    ]
