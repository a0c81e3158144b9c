"""Read-only OParl 1.1 view of the committee, its meetings and the reports at /oparl/v1/."""

from django.urls import path  # noqa: F401

app_name = "oparl"

urlpatterns = []
