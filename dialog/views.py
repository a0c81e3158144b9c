"""Views of the dialog package: start page and dashboards, legal pages, health check,
user administration and accepting an invitation."""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from . import services
from .celery import app as celery_app
from .filters import UserFilterSet
from .forms import SetInitialPasswordForm, UserInviteForm, UserUpdateForm
from .tokens import invitation_token_user

logger = logging.getLogger(__name__)
User = get_user_model()
HEALTHZ_BROKER_TIMEOUT = 2  # seconds


class HomeView(TemplateView):
    """The public start page for visitors, each role's dashboard for logged-in users."""

    def get_template_names(self):
        user = self.request.user
        if user.is_authenticated and user.role:
            return [f"dialog/dashboard_{user.role.value}.html"]
        if user.is_authenticated:
            return ["dialog/dashboard_norole.html"]
        return ["dialog/start.html"]


def healthz(request):
    """Liveness and readiness: is the database reachable, is the broker reachable?"""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure means "not ready"; say which
        logger.warning("healthz: database unreachable: %s", exc)
        checks["database"] = "unreachable"
    try:
        # Short timeouts of its own: a broker that is gone or hangs must not hang the check.
        options = {
            **(celery_app.conf.broker_transport_options or {}),
            "socket_connect_timeout": HEALTHZ_BROKER_TIMEOUT,
            "socket_timeout": HEALTHZ_BROKER_TIMEOUT,
        }
        with celery_app.connection_for_write(transport_options=options) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=HEALTHZ_BROKER_TIMEOUT)
        checks["broker"] = "ok"
    except Exception as exc:
        logger.warning("healthz: broker unreachable: %s", exc)
        checks["broker"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "checks": checks},
        status=200 if healthy else 503,
    )


class UserListView(PermissionRequiredMixin, FilterView):
    permission_required = "dialog.manage_users"
    filterset_class = UserFilterSet
    template_name = "dialog/user_list.html"
    paginate_by = 25

    def get_queryset(self):
        return (
            User.objects.prefetch_related("groups")
            .annotate(last_invited=Max("invitations__sent_at"))
            .order_by("full_name", "email")
        )


class UserInviteView(PermissionRequiredMixin, FormView):
    permission_required = "dialog.manage_users"
    form_class = UserInviteForm
    template_name = "dialog/user_invite.html"

    def form_valid(self, form):
        user = services.user_invite(invited_by=self.request.user, **form.cleaned_data)
        messages.success(
            self.request,
            _("Die Einladung an %(email)s wurde versandt.") % {"email": user.email},
        )
        return redirect("users:list")


class UserUpdateView(PermissionRequiredMixin, FormView):
    permission_required = "dialog.manage_users"
    form_class = UserUpdateForm
    template_name = "dialog/user_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.object,
            "acting_user": self.request.user,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["invitations"] = self.object.invitations.select_related("sent_by")[:10]
        return context

    def form_valid(self, form):
        services.user_update(user=self.object, changed_by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Die Änderungen wurden gespeichert."))
        return redirect("users:list")


class InvitationResendView(PermissionRequiredMixin, View):
    permission_required = "dialog.manage_users"
    http_method_names = ["post"]

    def post(self, request, pk):
        user = get_object_or_404(User, pk=pk)
        if not user.invitation_pending or not user.is_active:
            messages.error(
                request,
                _("%(email)s hat die Einladung bereits angenommen oder ist deaktiviert.")
                % {"email": user.email},
            )
        else:
            services.invitation_send(user=user, sent_by=request.user)
            messages.success(
                request,
                _("Die Einladung an %(email)s wurde erneut versandt.") % {"email": user.email},
            )
        return redirect("users:list")


class InvitationAcceptView(FormView):
    """The invitee follows the signed link from the e-mail and chooses a password."""

    form_class = SetInitialPasswordForm
    template_name = "dialog/invitation_accept.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitee = invitation_token_user(kwargs["token"])
        if self.invitee is None:
            return self.render_to_response({"invalid": True}, status=400)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.invitee}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "invitee": self.invitee}

    def form_valid(self, form):
        services.invitation_accept(user=self.invitee, password=form.cleaned_data["password1"])
        messages.success(
            self.request,
            _("Ihr Passwort ist gesetzt. Bitte melden Sie sich jetzt an."),
        )
        return redirect(f"{reverse('account_login')}?{urlencode({'email': self.invitee.email})}")
