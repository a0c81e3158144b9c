"""On PostgreSQL, the database also refuses overlapping terms of two chairs or two deputies.

SQLite has no exclusion constraints; there the partial unique constraints of 0003 refuse a
second open-ended chair or deputy, and ``BoardMembership.clean`` checks overlapping periods.
"""

from django.db import migrations

ROLES = ("chair", "deputy")


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for role in ROLES:
        schema_editor.execute(
            f"ALTER TABLE dialog_boardmembership ADD CONSTRAINT board_membership_{role}_no_overlap "
            f"EXCLUDE USING gist (daterange(started_on, ended_on, '[]') WITH &&) "
            f"WHERE (role = '{role}')"
        )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for role in ROLES:
        schema_editor.execute(
            f"ALTER TABLE dialog_boardmembership DROP CONSTRAINT IF EXISTS "
            f"board_membership_{role}_no_overlap"
        )


class Migration(migrations.Migration):
    dependencies = [("dialog", "0003_board")]

    operations = [migrations.RunPython(add_exclusion, drop_exclusion)]
