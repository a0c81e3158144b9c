"""Access table of the committee pages (/ausschuss/).

Committee management: staff; the committee meetings' calendar feed: staff and committee members.
"""

from tests.access_table import AUSSCHUSS, STAFF, VERWALTUNG

COMMITTEE_CALENDAR = frozenset({VERWALTUNG, AUSSCHUSS})


def _committee(user):
    from .factories import CommitteeFactory

    return {"pk": CommitteeFactory().pk}


def _committee_meeting(user):
    from .factories import CommitteeMeetingFactory

    return {"meeting_pk": CommitteeMeetingFactory().pk}


ACCESS = {
    "ausschuss/": STAFF,
    "ausschuss/neu/": STAFF,
    "ausschuss/sitzungen.ics": COMMITTEE_CALENDAR,
    "ausschuss/<int:pk>/": STAFF,
    "ausschuss/<int:pk>/bearbeiten/": STAFF,
    "ausschuss/<int:pk>/sitzungen/neu/": STAFF,
    "ausschuss/sitzungen/<int:meeting_pk>/bearbeiten/": STAFF,
    "ausschuss/sitzungen/<int:meeting_pk>/loeschen/": STAFF,
}

SAMPLES = {
    "ausschuss/<int:pk>/": _committee,
    "ausschuss/<int:pk>/bearbeiten/": _committee,
    "ausschuss/<int:pk>/sitzungen/neu/": _committee,
    "ausschuss/sitzungen/<int:meeting_pk>/bearbeiten/": _committee_meeting,
    "ausschuss/sitzungen/<int:meeting_pk>/loeschen/": _committee_meeting,
}
