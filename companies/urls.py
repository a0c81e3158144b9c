from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("", views.CompanyListView.as_view(), name="list"),
    path("neu/", views.CompanyCreateView.as_view(), name="create"),
    path("fruehwarnung/", views.WatchlistView.as_view(), name="watchlist"),
    path("bedarfe/", views.NeedOverviewView.as_view(), name="needs"),
    path("wiedervorlagen/", views.FollowUpListView.as_view(), name="follow-ups"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/uebernehmen/", views.ImportConfirmView.as_view(), name="import-confirm"),
    path("<int:pk>/", views.CompanyDetailView.as_view(), name="detail"),
    path("<int:pk>/bearbeiten/", views.CompanyUpdateView.as_view(), name="update"),
    path("<int:pk>/bedarfe/neu/", views.NeedCreateView.as_view(), name="need-create"),
    path("bedarfe/<int:pk>/bearbeiten/", views.NeedUpdateView.as_view(), name="need-update"),
    path(
        "<int:pk>/fruehwarnsignale/neu/",
        views.RiskSignalCreateView.as_view(),
        name="signal-create",
    ),
    path(
        "fruehwarnsignale/<int:pk>/erledigt/",
        views.RiskSignalResolveView.as_view(),
        name="signal-resolve",
    ),
    path(
        "<int:pk>/ansprechpersonen/neu/",
        views.ContactPersonCreateView.as_view(),
        name="contact-create",
    ),
    path(
        "ansprechpersonen/<int:pk>/auskunft/",
        views.ContactPersonExportView.as_view(),
        name="contact-export",
    ),
    path(
        "ansprechpersonen/<int:pk>/anonymisieren/",
        views.ContactPersonEraseView.as_view(),
        name="contact-erase",
    ),
    path("<int:pk>/kontakte/neu/", views.ContactLogCreateView.as_view(), name="log-create"),
    path(
        "kontakte/<int:pk>/erledigt/",
        views.FollowUpDoneView.as_view(),
        name="follow-up-done",
    ),
    path(
        "<int:pk>/beschaeftigte/neu/",
        views.EmployeeCountCreateView.as_view(),
        name="employees-create",
    ),
    path(
        "<int:pk>/netzwerke/neu/",
        views.NetworkMembershipCreateView.as_view(),
        name="membership-create",
    ),
]
