"""Static file storage: hashed, compressed names once ``collectstatic`` has run.

Before ``collectstatic`` (development, tests) there is no manifest; then the plain names are
used and whitenoise serves the files straight from the finders, instead of every
``{% static %}`` failing.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name):
        if not self.hashed_files:
            return name
        return super().stored_name(name)
