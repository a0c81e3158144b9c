"""Who may do what: the role predicates every app builds on, and the user administration.

Each app keeps its own rules in its ``rules.py`` and combines these predicates; views use them
through ``PermissionRequiredMixin``/``permission_required`` and templates through ``perms`` or
``{% has_perm %}``.
"""

import rules

from .roles import Role


def _has_role(user, role):
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "role", None) == role
    )


@rules.predicate
def is_verwaltung(user):
    return _has_role(user, Role.VERWALTUNG)


@rules.predicate
def is_beirat(user):
    return _has_role(user, Role.BEIRAT)


@rules.predicate
def is_partner(user):
    return _has_role(user, Role.PARTNER)


@rules.predicate
def is_ausschuss(user):
    return _has_role(user, Role.AUSSCHUSS)


is_member = is_verwaltung | is_beirat | is_partner | is_ausschuss

rules.add_perm("dialog.manage_users", is_verwaltung)
