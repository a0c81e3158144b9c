"""Who may do what with measures and partners (docs/design.md §2 and §4).

Everyone reads the public measure overview; members see more. A partner user sees the internal
details of, and reports progress on, only the measures their organisation is partner of.
"""

import rules

from dialog.accounts.rules import is_ausschuss, is_beirat, is_partner, is_verwaltung


@rules.predicate
def is_partner_of_measure(user, measure):
    if measure is None or not is_partner(user):
        return False
    return measure.partners.filter(users=user).exists()


can_see_internals = is_verwaltung | is_beirat | is_ausschuss

rules.add_perm("measures.view_measure", rules.always_allow)
rules.add_perm("measures.view_measure_internals", can_see_internals | is_partner_of_measure)
rules.add_perm("measures.manage_measure", is_verwaltung)
rules.add_perm("measures.export_measures", is_verwaltung)
rules.add_perm("measures.propose_idea", is_verwaltung | is_beirat | is_partner)
rules.add_perm("measures.triage_ideas", is_verwaltung)
rules.add_perm("measures.post_progress", is_verwaltung | is_partner_of_measure)
# The progress form at all, before a measure is looked up; on which measure: post_progress.
rules.add_perm("measures.report_progress", is_verwaltung | is_partner)
rules.add_perm("measures.view_capacity", is_verwaltung)
rules.add_perm("measures.view_partners", is_verwaltung | is_beirat | is_partner)
