"""Print the portal's address and the demo logins once the web server answers (``make run``).

Runs beside web, worker and beat in the Procfile, so the address appears when it can be
opened, not a minute before. It then waits quietly until honcho stops everything.
"""

import signal
import time
import urllib.error
import urllib.request

from django.core.management.base import BaseCommand

from .load_demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Gibt die Adresse des Portals und die Demo-Konten aus, sobald der Webserver antwortet."

    def add_arguments(self, parser):
        parser.add_argument("url", help="z. B. http://127.0.0.1:8000/")
        parser.add_argument("--timeout", type=float, default=300, help="Sekunden (Standard 300)")
        parser.add_argument("--no-wait", action="store_true", help="danach sofort beenden")

    def handle(self, url, timeout, no_wait, **options):
        deadline = time.monotonic() + timeout
        while not self.answers(url.rstrip("/") + "/healthz"):
            if time.monotonic() > deadline:
                self.stderr.write(f"Der Webserver antwortet nicht unter {url}.")
                break
            time.sleep(0.5)
        else:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Portal: {url}   (Strg+C beendet alles)"))
            self.stdout.write("Demo-Konten:")
            for email, _name, _org, role in DEMO_ACCOUNTS:
                self.stdout.write(f"  {role.label:<35} {email}  /  {DEMO_PASSWORD}")
            self.stdout.flush()
        if not no_wait:
            signal.pause()  # honcho ends every process when one of them exits

    @staticmethod
    def answers(url):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own)
                return response.status < 500
        except (urllib.error.URLError, OSError):
            return False
