"""Access table of the board area (/beirat/).

The board area and its documents: staff and board members; managing it: staff.
"""

from tests.access_table import BOARD, STAFF


def _meeting(user):
    from .factories import BoardMeetingFactory

    return {"pk": BoardMeetingFactory().pk}


def _agenda_item(user):
    from .factories import AgendaItemFactory

    return {"pk": AgendaItemFactory().pk}


def _document(user):
    from .factories import BoardDocumentFactory

    return {"pk": BoardDocumentFactory().pk}


def _membership(user):
    from .factories import BoardMembershipFactory

    return {"pk": BoardMembershipFactory().pk}


def _resolution(user):
    from .factories import MeasureFactory, ResolutionFactory

    return {"pk": ResolutionFactory(measure=MeasureFactory(), effect="approve").pk}


def _measure(user):
    from .factories import MeasureFactory

    return {"pk": MeasureFactory().pk}


def _comment(user):
    from .factories import MeasureCommentFactory

    return {"pk": MeasureCommentFactory().pk}


def _open_round():
    """The open round (only one may be open), created when there is none yet."""
    from dialog.board.models import PriorityRound

    from .factories import PriorityRoundFactory

    return PriorityRound.objects.filter(is_open=True).first() or PriorityRoundFactory()


def _round(user):
    return {"pk": _open_round().pk}


def _round_and_measure(user):
    from .factories import MeasureFactory

    return {"pk": _open_round().pk, "measure_pk": MeasureFactory().pk}


ACCESS = {
    "beirat/": BOARD,
    "beirat/mitglieder/": BOARD,
    "beirat/mitglieder/neu/": STAFF,
    "beirat/mitglieder/<int:pk>/bearbeiten/": STAFF,
    "beirat/sitzungen/": BOARD,
    "beirat/sitzungen.ics": BOARD,
    "beirat/sitzungen/neu/": STAFF,
    "beirat/sitzungen/<int:pk>/": BOARD,
    "beirat/sitzungen/<int:pk>/termin.ics": BOARD,
    "beirat/sitzungen/<int:pk>/bearbeiten/": STAFF,
    "beirat/sitzungen/<int:pk>/tagesordnung/neu/": STAFF,
    "beirat/tagesordnung/<int:pk>/bearbeiten/": STAFF,
    "beirat/tagesordnung/<int:pk>/verschieben/": STAFF,
    "beirat/tagesordnung/<int:pk>/entfernen/": STAFF,
    "beirat/sitzungen/<int:pk>/dokumente/neu/": STAFF,
    "beirat/sitzungen/<int:pk>/einladen/": STAFF,
    "beirat/sitzungen/<int:pk>/protokoll/": STAFF,
    "beirat/sitzungen/<int:pk>/beschluesse/neu/": STAFF,
    "beirat/beschluesse/<int:pk>/bearbeiten/": STAFF,
    "beirat/beschluesse/<int:pk>/umsetzen/": STAFF,
    "beirat/dokumente/<int:pk>/": BOARD,
    "beirat/dokumente/<int:pk>/entfernen/": STAFF,
    "beirat/massnahmen/": BOARD,
    "beirat/massnahmen/<int:pk>/": BOARD,
    "beirat/kommentare/<int:pk>/ausblenden/": STAFF,
    "beirat/kommentare/<int:pk>/einblenden/": STAFF,
    "beirat/prioritaeten/": BOARD,
    "beirat/prioritaeten/runde-oeffnen/": STAFF,
    "beirat/prioritaeten/<int:pk>/": STAFF,
    "beirat/prioritaeten/<int:pk>/schliessen/": STAFF,
    "beirat/prioritaeten/<int:pk>/uebernehmen/<int:measure_pk>/": STAFF,
}

SAMPLES = {
    "beirat/mitglieder/<int:pk>/bearbeiten/": _membership,
    "beirat/sitzungen/<int:pk>/": _meeting,
    "beirat/sitzungen/<int:pk>/termin.ics": _meeting,
    "beirat/sitzungen/<int:pk>/bearbeiten/": _meeting,
    "beirat/sitzungen/<int:pk>/tagesordnung/neu/": _meeting,
    "beirat/tagesordnung/<int:pk>/bearbeiten/": _agenda_item,
    "beirat/tagesordnung/<int:pk>/verschieben/": _agenda_item,
    "beirat/tagesordnung/<int:pk>/entfernen/": _agenda_item,
    "beirat/sitzungen/<int:pk>/dokumente/neu/": _meeting,
    "beirat/sitzungen/<int:pk>/einladen/": _meeting,
    "beirat/sitzungen/<int:pk>/protokoll/": _meeting,
    "beirat/sitzungen/<int:pk>/beschluesse/neu/": _meeting,
    "beirat/beschluesse/<int:pk>/bearbeiten/": _resolution,
    "beirat/beschluesse/<int:pk>/umsetzen/": _resolution,
    "beirat/dokumente/<int:pk>/": _document,
    "beirat/dokumente/<int:pk>/entfernen/": _document,
    "beirat/massnahmen/<int:pk>/": _measure,
    "beirat/kommentare/<int:pk>/ausblenden/": _comment,
    "beirat/kommentare/<int:pk>/einblenden/": _comment,
    "beirat/prioritaeten/<int:pk>/": _round,
    "beirat/prioritaeten/<int:pk>/schliessen/": _round,
    "beirat/prioritaeten/<int:pk>/uebernehmen/<int:measure_pk>/": _round_and_measure,
}
