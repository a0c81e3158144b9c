"""Root URL configuration (docs/design.md, URL map)."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from dialog.accounts import views as account_views
from dialog.core import views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Aachener Industrie-Dialog – Administration"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "konto/einladung/<str:token>/",
        account_views.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    # allauth's page of the account's address, with the portal's stricter rule (before
    # allauth's own route of the same path and name).
    path("konto/email/", account_views.EmailView.as_view(), name="account_email"),
    path("konto/", include("allauth.urls")),
    path("benutzer/", include("dialog.accounts.urls")),
    path("protokoll/", include("dialog.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dialog.legal.urls")),
    path("unternehmen/", include("companies.urls")),
    path("", include("measures.urls")),
    path("veranstaltungen/", include("events.urls")),
    path("berichte/", include("reports.urls")),
    path("beirat/", include("dialog.board.urls")),
    path("ausschuss/", include("dialog.committee.urls")),
    path("oparl/v1/", include("reports.oparl_urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK_VIEWS:
    from bench import views as bench_views

    urlpatterns += [
        path("bench/plain", bench_views.plain),
        path("bench/list", bench_views.bare_list),
    ]
