"""Least privilege in /admin/: staff never make anyone (themselves included) a superuser, staff
or another role there, neither directly nor through groups, permissions, e-mail addresses or
second factors. Only a superuser sets those fields."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin import site
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse

from dialog.accounts.admin import PRIVILEGE_FIELDS
from dialog.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    client.user = staff_user
    return client


@pytest.fixture
def superuser(make_user):
    return make_user(Role.VERWALTUNG, is_staff=True, is_superuser=True)


def _change_url(user):
    return reverse("admin:dialog_user_change", args=[user.pk])


def _user_form_post(user, **extra):
    """What the admin's change form posts for the user, plus the crafted fields."""
    return {
        "email": user.email,
        "full_name": user.full_name,
        "organisation": user.organisation,
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "02.12.2026",
        "date_joined_1": "10:00:00",
        **extra,
    }


def _reloaded(user):
    return type(user).objects.get(pk=user.pk)


def test_staff_cannot_make_themselves_superuser_with_a_crafted_post(staff_client):
    me = staff_client.user
    response = staff_client.post(
        _change_url(me), _user_form_post(me, is_superuser="on", is_staff="on")
    )
    assert response.status_code == 403
    assert not _reloaded(me).is_superuser


def test_staff_cannot_make_a_board_member_superuser_or_staff(staff_client, make_user):
    member = make_user(Role.BEIRAT)
    verwaltung = Group.objects.get(name=Role.VERWALTUNG)
    response = staff_client.post(
        _change_url(member),
        _user_form_post(member, is_superuser="on", is_staff="on", groups=[verwaltung.pk]),
    )
    assert response.status_code == 403
    member = _reloaded(member)
    assert (member.is_superuser, member.is_staff, member.role) == (False, False, Role.BEIRAT)


def test_staff_cannot_add_an_account_in_the_admin(staff_client):
    response = staff_client.post(
        reverse("admin:dialog_user_add"),
        {
            "email": "neu@example.org",
            "password1": "Sicheres-Pw-2014",
            "password2": "Sicheres-Pw-2014",
        },
    )
    assert response.status_code == 403
    assert not type(staff_client.user).objects.filter(email="neu@example.org").exists()


def test_staff_see_an_account_without_its_privilege_fields(staff_client, make_user):
    member = make_user(Role.BEIRAT)
    page = staff_client.get(_change_url(member))
    assert page.status_code == 200  # staff may look, read-only
    content = page.content.decode()
    assert member.email in content
    for field in PRIVILEGE_FIELDS:
        assert f'name="{field}"' not in content and f"field-{field}" not in content
    assert 'name="_save"' not in content
    changelist = staff_client.get(reverse("admin:dialog_user_changelist")).content.decode()
    assert "column-is_staff" not in changelist and "is_superuser" not in changelist


def test_the_admin_form_of_a_non_superuser_has_no_privilege_field(staff_user, superuser):
    """Even if staff ever got the right to change accounts, the form they would get could not
    grant anything: a crafted is_superuser is not a field of it and is ignored."""
    admin = site._registry[type(staff_user)]
    member = UserFactory(role=Role.BEIRAT)

    request = RequestFactory().get("/")
    request.user = staff_user
    form_class = admin.get_form(request, member)
    assert not set(PRIVILEGE_FIELDS) & set(form_class.base_fields)
    fields = [
        f for _name, options in admin.get_fieldsets(request, member) for f in options["fields"]
    ]
    assert not set(PRIVILEGE_FIELDS) & set(fields)
    form = form_class(
        _user_form_post(member, is_superuser="on", is_staff="on", password=member.password),
        instance=member,
    )
    assert form.is_valid(), form.errors
    form.save()
    assert not _reloaded(member).is_superuser and not _reloaded(member).is_staff

    request.user = superuser
    assert {"is_staff", "is_superuser", "groups"} <= set(
        admin.get_form(request, member).base_fields
    )


def test_a_superuser_sets_the_privilege_fields(client, superuser, make_user):
    client.force_login(superuser)
    member = make_user(Role.BEIRAT)
    verwaltung = Group.objects.get(name=Role.VERWALTUNG)
    response = client.post(
        _change_url(member),
        _user_form_post(member, is_staff="on", groups=[verwaltung.pk]),
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    member = _reloaded(member)
    assert member.is_staff and member.role == Role.VERWALTUNG and not member.is_superuser


def test_staff_cannot_change_a_superusers_password_or_account(staff_client, superuser):
    url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    response = staff_client.post(
        url, {"password1": "Uebernommen-2014!", "password2": "Uebernommen-2014!"}
    )
    assert response.status_code == 403
    assert _reloaded(superuser).check_password("Sicheres-Passwort-2014")
    assert staff_client.get(_change_url(superuser)).status_code == 200  # looking is allowed
    response = staff_client.post(reverse("admin:dialog_user_delete", args=[superuser.pk]))
    assert response.status_code == 403


def test_staff_cannot_grant_rights_through_groups_or_permissions(staff_client):
    me = staff_client.user
    group = Group.objects.get(name=Role.VERWALTUNG)
    change_user = Permission.objects.get(content_type__app_label="dialog", codename="change_user")

    response = staff_client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": group.name, "permissions": [change_user.pk]},
    )
    assert response.status_code == 403
    response = staff_client.post(
        reverse("admin:auth_group_add"), {"name": "admins", "permissions": [change_user.pk]}
    )
    assert response.status_code == 403
    response = staff_client.post(
        _change_url(me), _user_form_post(me, user_permissions=[change_user.pk])
    )
    assert response.status_code == 403
    assert not group.permissions.exists() and not me.user_permissions.exists()
    assert not Group.objects.filter(name="admins").exists()


def test_a_permission_given_to_the_staff_group_grants_no_account_rights(staff_user):
    """Were the staff group or a staff member given Django's model permissions on accounts
    (by a superuser, by mistake), the admin would still not let staff change accounts."""
    group = Group.objects.get(name=Role.VERWALTUNG)
    grants = Permission.objects.filter(
        content_type__app_label__in=["dialog", "auth"],
        codename__in=["change_user", "add_user", "change_group", "change_permission"],
    )
    group.permissions.add(*grants)
    staff_user.user_permissions.add(*grants)
    staff_user = _reloaded(staff_user)
    for perm in ["dialog.change_user", "dialog.add_user", "auth.change_group"]:
        assert not staff_user.has_perm(perm)
    assert staff_user.has_perm("dialog.view_user")
    assert staff_user.has_perm("companies.change_company")  # the portal's data stay theirs


def test_staff_cannot_take_over_an_account_through_its_email_address(staff_client, superuser):
    address, _ = EmailAddress.objects.get_or_create(
        user=superuser, email=superuser.email, defaults={"verified": True, "primary": True}
    )
    response = staff_client.post(
        reverse("admin:account_emailaddress_change", args=[address.pk]),
        {"user": superuser.pk, "email": "angreifer@example.org", "verified": "on", "primary": "on"},
    )
    assert response.status_code == 403
    response = staff_client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": superuser.pk, "email": "angreifer@example.org", "verified": "on"},
    )
    assert response.status_code == 403
    assert list(EmailAddress.objects.filter(user=superuser).values_list("email", flat=True)) == [
        superuser.email
    ]


def test_staff_never_read_or_remove_a_second_factor(staff_client, superuser):
    authenticator = Authenticator.objects.create(
        user=superuser, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    for url in [
        reverse("admin:mfa_authenticator_changelist"),
        reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
    ]:
        assert staff_client.get(url).status_code == 403, url
    response = staff_client.post(
        reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()
    assert "JBSWY3DPEHPK3PXP" not in staff_client.get(reverse("admin:index")).content.decode()


def test_staff_cannot_schedule_tasks_under_the_portals_name(staff_client):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    response = staff_client.post(
        reverse("admin:django_celery_beat_periodictask_add"),
        {"name": "x", "task": "dialog.core.tasks.mail_deliver", "interval": every.pk},
    )
    assert response.status_code == 403
    assert not PeriodicTask.objects.filter(name="x").exists()


@pytest.mark.parametrize(
    ("model_path", "field"),
    [
        ("measures.Measure", "proposed_by"),
        ("measures.ProgressUpdate", "author"),
        ("companies.ContactLogEntry", "staff_member"),
    ],
)
def test_nobody_rewrites_who_wrote_something_in_the_admin(model_path, field, superuser):
    """Who proposed an idea, wrote a progress report or made a contact is recorded by the
    portal: the admin's form has no field to put another person's name there."""
    from django.apps import apps

    model = apps.get_model(model_path)
    request = RequestFactory().get("/admin/")
    request.user = superuser
    form = site._registry[model].get_form(request, obj=None)
    assert field not in form.base_fields
