"""Who may do what in the Unternehmerbeirat's area (/beirat/)."""

import rules

from dialog.accounts.rules import is_beirat, is_verwaltung

# The board area and its documents: staff and board members. Managing it: staff only.
rules.add_perm("board.view_area", is_verwaltung | is_beirat)
rules.add_perm("board.manage", is_verwaltung)
rules.add_perm("board.vote_priorities", is_beirat)
rules.add_perm("board.comment_measures", is_verwaltung | is_beirat)
rules.add_perm("board.moderate_comments", is_verwaltung)
rules.add_perm("board.see_priority_results", is_verwaltung)
