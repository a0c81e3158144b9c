"""Who may manage the committees and follow their meeting dates."""

import rules

from dialog.accounts.rules import is_ausschuss, is_verwaltung

rules.add_perm("committee.manage", is_verwaltung)
# Committee members follow their meeting dates in their calendars.
rules.add_perm("committee.view_calendar", is_verwaltung | is_ausschuss)
