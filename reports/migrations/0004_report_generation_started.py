"""When a report's generation was requested (a generation that takes too long is failed, never
left "wird erzeugt" for ever), and when each schedule ran last and with what result."""

from django.db import migrations, models
from django.db.models import F


def started_at_for_reports_being_generated(apps, schema_editor):
    # Their request is older than the field: its last change is the best estimate.
    Report = apps.get_model("reports", "Report")
    Report.objects.filter(status="generating").update(generation_started_at=F("updated_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_released_reports_immutable'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='generation_started_at',
            field=models.DateTimeField(blank=True, help_text='Wann die laufende oder letzte Erzeugung des PDF angefordert wurde; dauert sie ungewöhnlich lange, gilt sie als abgebrochen.', null=True, verbose_name='Erzeugung angefordert am'),
        ),
        migrations.AddField(
            model_name='reportschedule',
            name='last_run_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='zuletzt ausgeführt am'),
        ),
        migrations.AddField(
            model_name='reportschedule',
            name='last_run_note',
            field=models.CharField(blank=True, max_length=500, verbose_name='Ergebnis der letzten Ausführung'),
        ),
        migrations.RunPython(started_at_for_reports_being_generated, migrations.RunPython.noop),
    ]
