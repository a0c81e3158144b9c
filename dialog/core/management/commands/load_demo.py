"""Fill the database with the fictitious demo of the Aachener Industrie-Dialog (idempotent)."""

import importlib

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from dialog.accounts.roles import Role
from dialog.accounts.services import email_address_verify, email_addresses_adopt, user_set_role
from dialog.core.pagecache import bump_version

DEMO_PASSWORD = "demo-passwort-2014"
DEMO_ACCOUNTS = [
    ("verwaltung@example.org", "Petra Hansen", "Stadt Aachen, FB 02", Role.VERWALTUNG),
    ("beirat@example.org", "Dr. Markus Offermann", "Offermann Präzisionsteile GmbH", Role.BEIRAT),
    ("partner@example.org", "Sabine Vossen", "IHK Aachen", Role.PARTNER),
    ("ausschuss@example.org", "Jürgen Lennartz", "Rat der Stadt Aachen", Role.AUSSCHUSS),
]
# Each app that has demo data offers ``<app>.demo.load(stdout)``; they run in this order.
DEMO_MODULES = [
    "companies.demo",
    "measures.demo",
    "dialog.committee.demo",
    "dialog.board.demo",
    "events.demo",
    "reports.demo",
]


class Command(BaseCommand):
    help = "Lädt die fiktiven Demodaten und die vier Demo-Konten (mehrfach aufrufbar)."

    def handle(self, *args, **options):
        with transaction.atomic():
            self.load_accounts()
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                module.load(self.stdout)
            # The demo's people (board members …) log in with their fictitious addresses.
            email_addresses_adopt()
        bump_version()  # one new data version after the whole load (each write started one too)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Demodaten geladen. Demo-Konten:"))
            for email, _name, _org, role in DEMO_ACCOUNTS:
                self.stdout.write(f"  {role.label:<35} {email}  /  {DEMO_PASSWORD}")

    def load_accounts(self):
        User = get_user_model()
        for email, full_name, organisation, role in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": full_name, "organisation": organisation}
            )
            if created or not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save()
            if role == Role.VERWALTUNG and not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            user_set_role(user=user, role=role)
            email_address_verify(user=user)
