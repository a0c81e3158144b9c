"""Accounts of the portal: people who log in with their e-mail address and hold one role."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        user = self._create_user(email, password, **extra_fields)
        user.groups.add(Group.objects.get_or_create(name=Role.VERWALTUNG)[0])
        return user

    def with_role(self, role):
        return self.filter(groups__name=role)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with a login: staff, board member, partner contact or committee member.

    The e-mail address is the login. The role is the group the user belongs to; there is no
    open sign-up, staff invite people with a role.
    """

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    full_name = models.CharField(_("Name"), max_length=150, blank=True)
    organisation = models.CharField(
        _("Organisation"),
        max_length=200,
        blank=True,
        help_text=_("Unternehmen, Institution oder Dienststelle der Person."),
    )
    is_staff = models.BooleanField(
        _("Zugang zur Django-Administration"),
        default=False,
        help_text=_("Darf sich in der technischen Administration (/admin/) anmelden."),
    )
    is_active = models.BooleanField(
        _("aktiv"),
        default=True,
        help_text=_("Deaktivierte Konten können sich nicht mehr anmelden."),
    )
    date_joined = models.DateTimeField(_("angelegt am"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def role(self):
        """The user's role (a :class:`Role` value) or ``None``; looked up once per request."""
        names = {group.name for group in self.groups.all()}
        for role in Role:
            if role.value in names:
                return Role(role.value)
        return None

    @property
    def role_label(self):
        return self.role.label if self.role else _("keine Rolle")

    @property
    def invitation_pending(self):
        """Invited, but the person has not chosen a password yet."""
        return not self.has_usable_password()


class Invitation(models.Model):
    """An e-mail that invited a person to the portal with a role (one row per sending)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("eingeladene Person"),
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("eingeladen von"),
    )
    sent_at = models.DateTimeField(_("versandt am"), default=timezone.now)
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Committee(models.Model):
    """A council committee that receives the reports, first of all the Ausschuss für Arbeit,
    Wirtschaft und Wissenschaft (AAWW)."""

    name = models.CharField(_("Name"), max_length=255, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("Ausschuss")
        verbose_name_plural = _("Ausschüsse")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommitteeMeeting(models.Model):
    """A meeting date of a committee: where reports go in their Beratungsfolge."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("Ausschuss")
    )
    starts_at = models.DateTimeField(_("Beginn"))
    location = models.CharField(_("Ort"), max_length=255, blank=True)
    public = models.BooleanField(_("öffentliche Sitzung"), default=True)

    class Meta:
        verbose_name = _("Ausschusssitzung")
        verbose_name_plural = _("Ausschusssitzungen")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "starts_at"], name="committee_meeting_unique_start"
            ),
        ]

    def __str__(self):
        return f"{self.committee.short_name or self.committee} – {self.starts_at:%d.%m.%Y}"
