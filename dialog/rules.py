"""Who may do what in the portal: the role predicates every app builds on, and the dialog's rules.

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
rules.add_perm("dialog.view_board_area", is_verwaltung | is_beirat)

# --- Unternehmerbeirat and committee (issue 5) -------------------------------------------------
# The board area and its documents: staff and board members. Managing it: staff only.
rules.add_perm("dialog.manage_board", is_verwaltung)
rules.add_perm("dialog.vote_priorities", is_beirat)
rules.add_perm("dialog.comment_measures", is_verwaltung | is_beirat)
rules.add_perm("dialog.moderate_comments", is_verwaltung)
rules.add_perm("dialog.see_priority_results", is_verwaltung)
rules.add_perm("dialog.manage_committee", is_verwaltung)
# Committee members follow their meeting dates in their calendars.
rules.add_perm("dialog.view_committee_calendar", is_verwaltung | is_ausschuss)
