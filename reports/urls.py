"""URLs of the reports at /berichte/."""

from django.urls import path

from . import views, withdrawal

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("neu/", views.ReportCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/pdf/", views.ReportPdfView.as_view(), name="pdf"),
    path("<int:pk>/status/", views.ReportStatusView.as_view(), name="status"),
    path("<int:pk>/bearbeiten/", views.ReportUpdateView.as_view(), name="edit"),
    path("<int:pk>/erzeugen/", views.ReportGenerateView.as_view(), name="generate"),
    path("<int:pk>/freigeben/", views.ReportReleaseView.as_view(), name="release"),
    path("<int:pk>/zurueckziehen/", withdrawal.ReportWithdrawView.as_view(), name="withdraw"),
    path(
        "<int:pk>/berichtigen/",
        withdrawal.ReportWithdrawView.as_view(correct=True),
        name="correct",
    ),
    path("<int:pk>/loeschen/", views.ReportDeleteView.as_view(), name="delete"),
    path("zeitplaene/", views.ScheduleListView.as_view(), name="schedules"),
    path("zeitplaene/neu/", views.ScheduleFormView.as_view(), name="schedule-create"),
    path("zeitplaene/<int:pk>/", views.ScheduleFormView.as_view(), name="schedule-edit"),
    path("zeitplaene/<int:pk>/ausfuehren/", views.ScheduleRunView.as_view(), name="schedule-run"),
    path(
        "zeitplaene/<int:pk>/loeschen/",
        views.ScheduleDeleteView.as_view(),
        name="schedule-delete",
    ),
]
