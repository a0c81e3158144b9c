"""URLs of the committee (Ausschuss) and its meeting dates at /ausschuss/."""

from django.urls import path  # noqa: F401

app_name = "committee"

urlpatterns = []
