"""User administration in the portal at /benutzer/."""

from django.urls import path

from . import views

app_name = "users"

urlpatterns = [
    path("", views.UserListView.as_view(), name="list"),
    path("einladen/", views.UserInviteView.as_view(), name="invite"),
    path("<int:pk>/", views.UserUpdateView.as_view(), name="update"),
    path(
        "<int:pk>/einladung-erneut/",
        views.InvitationResendView.as_view(),
        name="resend-invitation",
    ),
]
