"""Read-only OParl 1.1 view of the committee, its meetings and the reports at /oparl/v1/."""

from django.urls import path

from . import oparl_views as views

app_name = "oparl"

urlpatterns = [
    path("system", views.system, name="system"),
    path("bodies", views.body_list, name="body-list"),
    path("body", views.body, name="body"),
    path("body/organizations", views.organization_list, name="organization-list"),
    path("body/people", views.person_list, name="person-list"),
    path("body/meetings", views.meeting_list, name="meeting-list"),
    path("body/papers", views.paper_list, name="paper-list"),
    path("legislativeterm/<int:number>", views.legislative_term, name="legislativeterm"),
    path("organization/<int:pk>", views.organization, name="organization"),
    path("organization/<slug:slug>", views.organization_fixed, name="organization-fixed"),
    path("meeting/<int:pk>", views.meeting, name="meeting"),
    path("paper/<int:pk>", views.paper, name="paper"),
    path("file/<int:pk>", views.file, name="file"),
    path("consultation/<int:pk>", views.consultation, name="consultation"),
]
