"""URLs below /veranstaltungen/ (docs/design.md §4)."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("kalender.ics", views.event_feed, name="feed"),
    path("neu/", views.EventCreateView.as_view(), name="create"),
    path("netzwerktreffen/", views.NetworkParticipationView.as_view(), name="network"),
    path("<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("<int:pk>/kalender.ics", views.EventIcsView.as_view(), name="ics"),
    path("<int:pk>/anmelden/", views.EventRegisterView.as_view(), name="register"),
    path("<int:pk>/abmelden/", views.OwnRegistrationCancelView.as_view(), name="cancel-own"),
    path("<int:pk>/bearbeiten/", views.EventUpdateView.as_view(), name="update"),
    path("<int:pk>/absagen/", views.EventCancelView.as_view(), name="cancel"),
    path("<int:pk>/anmeldungen/", views.EventRegistrationListView.as_view(), name="registrations"),
    path(
        "<int:pk>/anmeldungen/neu/",
        views.StaffRegistrationCreateView.as_view(),
        name="registration-add",
    ),
    path(
        "<int:pk>/anmeldungen/<int:registration_pk>/stornieren/",
        views.StaffRegistrationCancelView.as_view(),
        name="registration-cancel",
    ),
    path(
        "<int:pk>/anmeldungen/<int:registration_pk>/umbuchen/",
        views.RegistrationMoveView.as_view(),
        name="registration-move",
    ),
    path("<int:pk>/teilnahme/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/teilnahmeliste.pdf", views.AttendancePdfView.as_view(), name="attendance-pdf"),
    path(
        "anmeldung/<str:token>/bestaetigen/",
        views.RegistrationConfirmView.as_view(),
        name="confirm",
    ),
    path(
        "anmeldung/<str:token>/abmelden/",
        views.RegistrationSelfCancelView.as_view(),
        name="self-cancel",
    ),
    path("woche-der-mobilitaet/", views.MobilityWeekListView.as_view(), name="mobility-list"),
    path(
        "woche-der-mobilitaet/neu/",
        views.MobilityWeekCreateView.as_view(),
        name="mobility-week-create",
    ),
    path(
        "woche-der-mobilitaet/rueckmeldung/<str:token>/",
        views.MobilityFeedbackView.as_view(),
        name="mobility-feedback",
    ),
    path(
        "woche-der-mobilitaet/<int:year>/",
        views.MobilityWeekDetailView.as_view(),
        name="mobility-week",
    ),
    path(
        "woche-der-mobilitaet/<int:year>/bewerben/",
        views.MobilityApplyView.as_view(),
        name="mobility-apply",
    ),
    path(
        "woche-der-mobilitaet/<int:year>/angebote/neu/",
        views.MobilityOfferCreateView.as_view(),
        name="mobility-offer-create",
    ),
    path(
        "woche-der-mobilitaet/<int:year>/vermittlung/",
        views.MobilityMatchingView.as_view(),
        name="mobility-matching",
    ),
    path(
        "woche-der-mobilitaet/<int:year>/rueckmeldungen-anfordern/",
        views.MobilityFeedbackRequestView.as_view(),
        name="mobility-feedback-request",
    ),
]
