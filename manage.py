#!/usr/bin/env python
"""Django's command-line utility for the Aachener Industrie-Dialog portal."""

import os
import sys

# Commands that only read or write source files (never serve, never sign anything) run in
# development mode unless told otherwise, so `manage.py makemigrations --check` works on a
# bare checkout; everything else needs SECRET_KEY or DEBUG=true (dialog/settings.py).
SOURCE_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialog.settings")
    if len(sys.argv) > 1 and sys.argv[1] in SOURCE_COMMANDS:
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
