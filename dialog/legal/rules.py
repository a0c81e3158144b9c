import rules

from dialog.accounts.rules import is_verwaltung

rules.add_perm("legal.edit_page", is_verwaltung)
