"""The Aachener Industrie-Dialog: project package and the dialog's own bodies."""

from .celery import app as celery_app

__all__ = ("celery_app",)
