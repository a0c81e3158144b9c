"""Addresses become proven before they count (ACCOUNT_EMAIL_VERIFICATION = "mandatory").

Accounts that never managed an address through allauth (no EmailAddress row) got theirs from
staff (an invitation, whose link went to that address, or the admin) or from the server: it
is recorded as proven, so that they keep logging in as before. Accounts with rows keep them as
they are; an unproven login address is proven through allauth's link at the next login.
"""

from django.db import migrations


def adopt(apps, schema_editor):
    User = apps.get_model("dialog", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email.lower(), verified=True, primary=True)
        for user in User._base_manager.filter(emailaddress__isnull=True).only("pk", "email")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dialog", "0006_board_and_committee_moved_out"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(adopt, migrations.RunPython.noop, elidable=True)]
