"""A person holds one open-ended membership of the board at a time.

Before the database refuses a second one, memberships that already break the rule are closed:
of a person's open-ended memberships the one that started last stays open, each earlier one
ends the day before the next one started (or on its own first day, if they started together).
"""

import datetime

from django.conf import settings
from django.db import migrations, models


def close_duplicate_open_memberships(apps, schema_editor):
    BoardMembership = apps.get_model("board", "BoardMembership")
    open_memberships = BoardMembership.objects.filter(ended_on__isnull=True)
    duplicated = (
        open_memberships.values("user_id")
        .annotate(count=models.Count("pk"))
        .filter(count__gt=1)
        .values_list("user_id", flat=True)
    )
    for user_id in list(duplicated):
        memberships = list(open_memberships.filter(user_id=user_id).order_by("started_on", "pk"))
        for earlier, later in zip(memberships, memberships[1:], strict=False):
            earlier.ended_on = max(
                earlier.started_on, later.started_on - datetime.timedelta(days=1)
            )
            earlier.save(update_fields=["ended_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0002_german_constraint_messages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(close_duplicate_open_memberships, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="boardmembership",
            constraint=models.UniqueConstraint(
                condition=models.Q(("ended_on__isnull", True)),
                fields=("user",),
                name="board_membership_one_open_per_person",
                violation_error_message=(
                    "Diese Person hat bereits eine laufende Mitgliedschaft im Beirat. Bitte "
                    "beenden Sie diese zuerst oder tragen Sie ein Enddatum ein."
                ),
            ),
        ),
    ]
