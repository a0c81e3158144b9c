"""Who may do what with reports (docs/design.md §4).

Everyone sees released public reports; committee members every released report; staff all
reports including drafts, and only staff create, generate, release, withdraw, correct and
schedule them.
"""

import rules

from dialog.accounts.rules import is_ausschuss, is_verwaltung


@rules.predicate
def is_released(user, report):
    return report is not None and report.status == report.Status.RELEASED


@rules.predicate
def is_public(user, report):
    return report is not None and report.is_public


@rules.predicate
def is_not_released(user, report):
    return report is None or report.status != report.Status.RELEASED


can_view_report = is_verwaltung | (is_ausschuss & is_released) | (is_released & is_public)

rules.add_perm("reports.view_report_list", rules.always_allow)
rules.add_perm("reports.view_report", can_view_report)
rules.add_perm("reports.manage_reports", is_verwaltung)
# Not "change_report": the staff admin backend grants every "change_" permission.
rules.add_perm("reports.edit_report", is_verwaltung & is_not_released)
rules.add_perm("reports.release_report", is_verwaltung)
# Withdrawing a released report, or withdrawing it for a correction (reports.withdrawal).
rules.add_perm("reports.withdraw_report", is_verwaltung)
rules.add_perm("reports.manage_schedules", is_verwaltung)
