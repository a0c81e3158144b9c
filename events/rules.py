"""Who may see events, register for them and run them (docs/design.md §4)."""

import rules

from dialog.accounts.rules import is_beirat, is_partner, is_verwaltung


@rules.predicate
def is_co_organiser(user, event):
    """The user works for a partner that co-organises the event."""
    if event is None or not is_partner(user):
        return False
    return event.organisers.filter(users=user).exists()


@rules.predicate
def is_public_event(user, event):
    return event is not None and event.visibility == "public"


@rules.predicate
def is_members_event(user, event):
    return event is not None and event.visibility == "members"


can_view_event = (
    is_verwaltung
    | is_public_event
    | (is_members_event & (is_beirat | is_partner))
    | is_co_organiser
)

rules.add_perm("events.view_event", can_view_event)
rules.add_perm("events.register_for_event", can_view_event)
rules.add_perm("events.manage_event", is_verwaltung)
rules.add_perm("events.view_registrations", is_verwaltung | is_co_organiser)
# The registration lists at all, before an event is looked up; which event's: view_registrations.
rules.add_perm("events.view_registration_lists", is_verwaltung | is_partner)
rules.add_perm("events.manage_mobility_week", is_verwaltung)
rules.add_perm("events.view_participation", is_verwaltung)
