"""URLs of the committee (Ausschuss) and its meeting dates at /ausschuss/."""

from django.urls import path

from . import views

app_name = "committee"

urlpatterns = [
    path("", views.CommitteeListView.as_view(), name="list"),
    path("neu/", views.CommitteeFormView.as_view(), name="create"),
    path("sitzungen.ics", views.CommitteeCalendarView.as_view(), name="calendar"),
    path("<int:pk>/", views.CommitteeDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", views.CommitteeFormView.as_view(), name="update"),
    path(
        "<int:pk>/sitzungen/neu/", views.CommitteeMeetingFormView.as_view(), name="meeting-create"
    ),
    path(
        "sitzungen/<int:meeting_pk>/bearbeiten/",
        views.CommitteeMeetingFormView.as_view(),
        name="meeting-update",
    ),
    path(
        "sitzungen/<int:meeting_pk>/loeschen/",
        views.CommitteeMeetingDeleteView.as_view(),
        name="meeting-delete",
    ),
]
