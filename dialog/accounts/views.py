"""User administration in the portal, accepting an invitation, the account's address."""

import logging
from urllib.parse import urlencode

from allauth.account.views import EmailView as AllauthEmailView
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from dialog.core.exports import DATETIME, Column, ExportMixin

from . import services
from .filters import UserFilterSet
from .forms import SetInitialPasswordForm, UserInviteForm, UserUpdateForm
from .tokens import invitation_token_user

logger = logging.getLogger(__name__)
User = get_user_model()


class UserListView(PermissionRequiredMixin, ExportMixin, FilterView):
    permission_required = "dialog.manage_users"
    filterset_class = UserFilterSet
    template_name = "accounts/user_list.html"
    paginate_by = 25
    export_name = "benutzerkonten"

    def get_export_columns(self):
        return [
            Column(_("Name"), "full_name"),
            Column(_("E-Mail-Adresse"), "email"),
            Column(_("Organisation"), "organisation"),
            Column(_("Rolle"), "role_label"),
            Column(_("Status"), _account_status),
            Column(_("zuletzt eingeladen"), "last_invited", DATETIME),
        ]

    def get_queryset(self):
        return (
            User.objects.prefetch_related("groups")
            .annotate(last_invited=Max("invitations__sent_at"))
            .order_by("full_name", "email")
        )


def _account_status(account):
    if not account.is_active:
        return _("deaktiviert")
    return _("eingeladen") if account.invitation_pending else _("aktiv")


class UserInviteView(PermissionRequiredMixin, FormView):
    permission_required = "dialog.manage_users"
    form_class = UserInviteForm
    template_name = "accounts/user_invite.html"

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
    template_name = "accounts/user_form.html"

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
    template_name = "accounts/invitation_accept.html"

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


class EmailView(AllauthEmailView):
    """allauth's page for the account's address (/konto/email/): only a proven address counts.

    With ``ACCOUNT_CHANGE_EMAIL`` a new address replaces the old one once the link sent to it
    was followed. allauth would still let an account that has no proven address at all make an
    unproven one its login; here that is refused for every account.
    """

    def _action_primary(self, request, *args, **kwargs):
        email_address = self._get_email_address(request)
        if email_address is not None and not email_address.verified:
            messages.error(
                request,
                _(
                    "Die Adresse %(email)s ist noch nicht bestätigt. Bitte folgen Sie zuerst "
                    "dem Link in der E-Mail, die wir an diese Adresse gesendet haben."
                )
                % {"email": email_address.email},
            )
            return None
        return super()._action_primary(request, *args, **kwargs)
