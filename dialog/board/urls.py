"""URLs of the Unternehmerbeirat's area at /beirat/."""

from django.urls import path

from . import views

app_name = "board"

urlpatterns = [
    path("", views.BoardIndexView.as_view(), name="index"),
    path("mitglieder/", views.MembershipListView.as_view(), name="member-list"),
    path("mitglieder/neu/", views.MembershipFormView.as_view(), name="member-create"),
    path(
        "mitglieder/<int:pk>/bearbeiten/",
        views.MembershipFormView.as_view(),
        name="member-update",
    ),
    path("sitzungen/", views.MeetingListView.as_view(), name="meeting-list"),
    path("sitzungen.ics", views.BoardCalendarView.as_view(), name="calendar"),
    path("sitzungen/neu/", views.MeetingFormView.as_view(), name="meeting-create"),
    path("sitzungen/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("sitzungen/<int:pk>/termin.ics", views.MeetingCalendarView.as_view(), name="meeting-ics"),
    path("sitzungen/<int:pk>/bearbeiten/", views.MeetingFormView.as_view(), name="meeting-update"),
    path(
        "sitzungen/<int:pk>/tagesordnung/neu/",
        views.AgendaItemCreateView.as_view(),
        name="agenda-item-create",
    ),
    path(
        "tagesordnung/<int:pk>/bearbeiten/",
        views.AgendaItemUpdateView.as_view(),
        name="agenda-item-update",
    ),
    path(
        "tagesordnung/<int:pk>/verschieben/",
        views.AgendaItemMoveView.as_view(),
        name="agenda-item-move",
    ),
    path(
        "tagesordnung/<int:pk>/entfernen/",
        views.AgendaItemRemoveView.as_view(),
        name="agenda-item-remove",
    ),
    path(
        "sitzungen/<int:pk>/dokumente/neu/",
        views.DocumentUploadView.as_view(),
        name="document-upload",
    ),
    path("sitzungen/<int:pk>/einladen/", views.MeetingInviteView.as_view(), name="meeting-invite"),
    path("sitzungen/<int:pk>/protokoll/", views.MinutesView.as_view(), name="minutes"),
    path(
        "sitzungen/<int:pk>/beschluesse/neu/",
        views.ResolutionCreateView.as_view(),
        name="resolution-create",
    ),
    path(
        "beschluesse/<int:pk>/bearbeiten/",
        views.ResolutionUpdateView.as_view(),
        name="resolution-update",
    ),
    path(
        "beschluesse/<int:pk>/umsetzen/",
        views.ResolutionApplyView.as_view(),
        name="resolution-apply",
    ),
    path("dokumente/<int:pk>/", views.DocumentDownloadView.as_view(), name="document-download"),
    path(
        "dokumente/<int:pk>/entfernen/",
        views.DocumentDeleteView.as_view(),
        name="document-delete",
    ),
    path("massnahmen/", views.MeasureListView.as_view(), name="measure-list"),
    path("massnahmen/<int:pk>/", views.MeasureCommentsView.as_view(), name="measure-detail"),
    path("kommentare/<int:pk>/ausblenden/", views.CommentHideView.as_view(), name="comment-hide"),
    path("kommentare/<int:pk>/einblenden/", views.CommentShowView.as_view(), name="comment-show"),
    path("prioritaeten/", views.PriorityView.as_view(), name="priorities"),
    path(
        "prioritaeten/runde-oeffnen/",
        views.PriorityRoundOpenView.as_view(),
        name="priority-round-open",
    ),
    path("prioritaeten/<int:pk>/", views.PriorityRoundDetailView.as_view(), name="priority-round"),
    path(
        "prioritaeten/<int:pk>/schliessen/",
        views.PriorityRoundCloseView.as_view(),
        name="priority-round-close",
    ),
    path(
        "prioritaeten/<int:pk>/uebernehmen/<int:measure_pk>/",
        views.PriorityAdoptView.as_view(),
        name="priority-adopt",
    ),
]
