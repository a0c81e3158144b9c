"""URLs of the measures and partners (included at the root, so the paths are full)."""

from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("massnahmen/", views.MeasureListView.as_view(), name="list"),
    path("massnahmen/export/", views.MeasureExportView.as_view(), name="export"),
    path("massnahmen/neu/", views.MeasureCreateView.as_view(), name="create"),
    path("massnahmen/idee/", views.IdeaProposeView.as_view(), name="propose"),
    path("massnahmen/ideen/", views.IdeaListView.as_view(), name="ideas"),
    path("massnahmen/zeitplan/", views.TimelineView.as_view(), name="timeline"),
    path("massnahmen/kapazitaet/", views.CapacityView.as_view(), name="capacity"),
    path(
        "massnahmen/kapazitaet/staffelung/",
        views.StaggeringView.as_view(),
        name="staggering",
    ),
    path("massnahmen/<int:pk>/", views.MeasureDetailView.as_view(), name="detail"),
    path("massnahmen/<int:pk>/bearbeiten/", views.MeasureUpdateView.as_view(), name="update"),
    path("massnahmen/<int:pk>/status/", views.MeasureStatusView.as_view(), name="status"),
    path(
        "massnahmen/<int:pk>/fortschritt/",
        views.ProgressUpdateCreateView.as_view(),
        name="progress",
    ),
    path(
        "massnahmen/<int:pk>/kennzahl/",
        views.IndicatorValueCreateView.as_view(),
        name="indicator-value",
    ),
    path("massnahmen/<int:pk>/bewerten/", views.IdeaTriageView.as_view(), name="triage"),
    path("partner/", views.PartnerListView.as_view(), name="partner-list"),
    path("partner/<int:pk>/", views.PartnerDetailView.as_view(), name="partner-detail"),
]
