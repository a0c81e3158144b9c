"""Who may do what with the company register (docs/design.md §4).

Staff see and change everything. Board members and partners see the directory fields only;
board members also see anonymous counts of needs by topic.
"""

import rules

from dialog.accounts.rules import is_beirat, is_partner, is_verwaltung

rules.add_perm("companies.view_directory", is_verwaltung | is_beirat | is_partner)
rules.add_perm("companies.manage", is_verwaltung)
rules.add_perm("companies.view_need_counts", is_verwaltung | is_beirat)
