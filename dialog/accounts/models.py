"""Accounts of the portal: people who log in with their e-mail address and hold one role."""

from functools import cache, cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


@cache
def _role_group():
    """The name of the user's role group, as a subquery (built once, when first needed).

    A user holds one role group (dialog.accounts.services.user_set_role); should there be more, the
    oldest group counts, here and in ``User.role``.
    """
    return models.Subquery(
        Group.objects.filter(user=models.OuterRef("pk"), name__in=Role.values)
        .order_by("pk")
        .values("name")[:1]
    )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_queryset(self):
        # The role group's name comes with the user (a subquery), so that ``user.role`` costs
        # no query of its own: every page asks for the role of the user who is logged in.
        return super().get_queryset().annotate(_role_group=_role_group())

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
        # Whoever runs createsuperuser on the server vouches for the address.
        from .services import email_address_verify

        email_address_verify(user=user)
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
        if "_role_group" in self.__dict__:  # loaded with the user (UserManager)
            name = self.__dict__["_role_group"]
            return Role(name) if name in Role.values else None
        for group in sorted(self.groups.all(), key=lambda group: group.pk):
            if group.name in Role.values:
                return Role(group.name)
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
