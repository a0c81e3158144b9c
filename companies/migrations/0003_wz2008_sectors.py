"""Ship the WZ 2008 classification: all sections and divisions, section C down to groups."""

from django.db import migrations


def load_sectors(apps, schema_editor):
    from companies import wz2008

    wz2008.load(apps.get_model("companies", "Sector"))


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0002_history_privacy_snapshots"),
    ]

    operations = [
        migrations.RunPython(load_sectors, migrations.RunPython.noop),
    ]
