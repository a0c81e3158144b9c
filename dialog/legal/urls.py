"""The legal pages at the root: /barrierefreiheit/, /datenschutz/, /impressum/, /robots.txt."""

from django.urls import path

from . import views
from .models import LegalPage

app_name = "legal"

urlpatterns = [path("robots.txt", views.robots_txt, name="robots")]
for kind in LegalPage.Kind.values:
    urlpatterns += [
        path(f"{kind}/", views.LegalPageView.as_view(kind=kind), name=kind),
        path(
            f"{kind}/bearbeiten/", views.LegalPageEditView.as_view(kind=kind), name=f"{kind}-edit"
        ),
    ]
