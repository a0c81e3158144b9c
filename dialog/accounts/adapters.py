"""allauth adapter: nobody signs up on their own (staff invite people), login failures count per
account and client, a proven address stays unique, and allauth's mails go out the portal's way.
"""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.db import IntegrityError, transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dialog.core.mail import absolute_url, mail_send

# allauth's mails that have a German text of the portal (templates/emails/account/…); any
# other (none that this configuration sends) uses allauth's own text in the portal's layout.
PORTAL_MAIL_TEMPLATES = {"email_confirmation", "email_changed", "password_reset_key"}
# allauth's notices of a change to the account (ACCOUNT_EMAIL_NOTIFICATIONS), in one mail.
ACCOUNT_CHANGES = {
    "password_changed": gettext_lazy("Ihr Passwort wurde geändert."),
    "password_set": gettext_lazy("Für Ihr Konto wurde ein Passwort festgelegt."),
    "password_reset": gettext_lazy("Ihr Passwort wurde über den Link per E-Mail neu gesetzt."),
    "email_deleted": gettext_lazy("Eine geplante Änderung Ihrer E-Mail-Adresse wurde verworfen."),
    "totp_activated": gettext_lazy("Die Zwei-Faktor-Anmeldung mit einer App wurde eingerichtet."),
    "totp_deactivated": gettext_lazy("Die Zwei-Faktor-Anmeldung mit einer App wurde entfernt."),
    "recovery_codes_generated": gettext_lazy(
        "Für die Zwei-Faktor-Anmeldung wurden neue Wiederherstellungscodes erzeugt."
    ),
}


class AccountAdapter(DefaultAccountAdapter):
    # allauth's German addresses people with "du"; the portal says "Sie".
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "duplicate_email": gettext_lazy("Diese Adresse gehört bereits zu Ihrem Konto."),
        "email_taken": gettext_lazy(
            "Diese E-Mail-Adresse wird bereits von einem anderen Konto verwendet."
        ),
        "too_many_login_attempts": gettext_lazy(
            "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in einigen "
            "Minuten noch einmal."
        ),
    }

    def is_open_for_signup(self, request):
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed logins count per account *and* client.

        allauth counts them per account alone: five wrong passwords from anyone lock the
        account for everyone, its owner included. Per account and client, an attacker slows
        down only themselves (the per-client limit of ``login_failed`` still caps how fast one
        client may guess across accounts), while the owner logs in from their own client.
        """
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The link in the mail points to ``SITE_URL``, as every link the portal mails."""
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def can_delete_email(self, email_address):
        """The account's login address stays; a change waiting for its proof may go."""
        if email_address.email.lower() == (email_address.user.email or "").lower():
            return False
        return super().can_delete_email(email_address)

    def confirm_email(self, request, email_address):
        """Verify the address; taken by someone else meanwhile: a message, not a 500.

        Verifying makes the address the account's login (``User.email``). Should another
        account have taken it since the link was sent, the database refuses the second one;
        nothing of the half-done change is kept.
        """
        try:
            with transaction.atomic():
                return super().confirm_email(request, email_address)
        except IntegrityError:
            messages.error(
                request,
                _(
                    "Die E-Mail-Adresse %(email)s wird bereits von einem anderen Konto "
                    "verwendet und kann nicht bestätigt werden."
                )
                % {"email": email_address.email},
            )
            return False

    def send_mail(self, template_prefix, email, context):
        """allauth's mails through the portal's one mail service (HTML and text, on commit)."""
        request = context.get("request") or _current_request()
        context = {
            "email": email,
            "request": request,
            "current_site": get_current_site(request) if request is not None else None,
            "expire_days": allauth_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS,
            **context,
        }
        name = template_prefix.rsplit("/", 1)[-1]
        if name in PORTAL_MAIL_TEMPLATES:
            mail_send(template=f"emails/account/{name}", context=context, to=[email])
            return
        if name in ACCOUNT_CHANGES:
            mail_send(
                template="emails/account/account_changed",
                context={**context, "change": ACCOUNT_CHANGES[name]},
                to=[email],
            )
            return
        mail_send(
            template="emails/account/allauth",
            context={
                **context,
                "allauth_subject": self.format_email_subject(
                    _render_text(f"{template_prefix}_subject.txt", context)
                ),
                "allauth_body": _render_text(f"{template_prefix}_message.txt", context),
            },
            to=[email],
        )


def _current_request():
    from allauth.core import context

    return context.request


def _render_text(name, context):
    """One of allauth's mail templates as plain text (not HTML-escaped)."""
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return ""
    return "".join(template.template.render(Context(context, autoescape=False))).strip()
