"""URLs of the Unternehmerbeirat's area at /beirat/."""

from django.urls import path  # noqa: F401

app_name = "board"

urlpatterns = []
