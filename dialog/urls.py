"""Root URL configuration (DESIGN.md §4, URL map)."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Aachener Industrie-Dialog – Administration"

user_patterns = (
    [
        path("", views.UserListView.as_view(), name="list"),
        path("einladen/", views.UserInviteView.as_view(), name="invite"),
        path("<int:pk>/", views.UserUpdateView.as_view(), name="update"),
        path(
            "<int:pk>/einladung-erneut/",
            views.InvitationResendView.as_view(),
            name="resend-invitation",
        ),
    ],
    "users",
)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "konto/einladung/<str:token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path("konto/", include("allauth.urls")),
    path("benutzer/", include(user_patterns)),
    path("protokoll/", include("dialog.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dialog.legal.urls")),
    path("unternehmen/", include("companies.urls")),
    path("", include("measures.urls")),
    path("veranstaltungen/", include("events.urls")),
    path("berichte/", include("reports.urls")),
    path("beirat/", include("dialog.board_urls")),
    path("ausschuss/", include("dialog.committee_urls")),
    path("oparl/v1/", include("reports.oparl_urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK_VIEWS:
    from . import bench_views

    urlpatterns += [
        path("bench/plain", bench_views.plain),
        path("bench/list", bench_views.bare_list),
    ]
