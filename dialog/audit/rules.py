"""Only staff read the audit log."""

import rules

from dialog.accounts.rules import is_verwaltung

rules.add_perm("audit.view_log", is_verwaltung)
