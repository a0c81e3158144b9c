"""The company register's part of the access table (docs/design.md §4)."""

from tests.access_table import BOARD, DIRECTORY, STAFF


def _company(user):
    from .factories import CompanyFactory

    return {"pk": CompanyFactory().pk}


def _need(user):
    from .factories import NeedFactory

    return {"pk": NeedFactory().pk}


def _signal(user):
    from .factories import RiskSignalFactory

    return {"pk": RiskSignalFactory().pk}


def _contact(user):
    from .factories import ContactPersonFactory

    return {"pk": ContactPersonFactory().pk}


def _log_entry(user):
    from .factories import ContactLogEntryFactory

    return {"pk": ContactLogEntryFactory().pk}


ACCESS = {
    "unternehmen/": DIRECTORY,
    "unternehmen/<int:pk>/": DIRECTORY,
    "unternehmen/neu/": STAFF,
    "unternehmen/fruehwarnung/": STAFF,
    "unternehmen/bedarfe/": BOARD,
    "unternehmen/wiedervorlagen/": STAFF,
    "unternehmen/import/": STAFF,
    "unternehmen/import/uebernehmen/": STAFF,
    "unternehmen/<int:pk>/bearbeiten/": STAFF,
    "unternehmen/<int:pk>/bedarfe/neu/": STAFF,
    "unternehmen/bedarfe/<int:pk>/bearbeiten/": STAFF,
    "unternehmen/<int:pk>/fruehwarnsignale/neu/": STAFF,
    "unternehmen/fruehwarnsignale/<int:pk>/erledigt/": STAFF,
    "unternehmen/<int:pk>/ansprechpersonen/neu/": STAFF,
    "unternehmen/ansprechpersonen/<int:pk>/auskunft/": STAFF,
    "unternehmen/ansprechpersonen/<int:pk>/anonymisieren/": STAFF,
    "unternehmen/<int:pk>/kontakte/neu/": STAFF,
    "unternehmen/kontakte/<int:pk>/erledigt/": STAFF,
    "unternehmen/<int:pk>/beschaeftigte/neu/": STAFF,
    "unternehmen/<int:pk>/netzwerke/neu/": STAFF,
}

SAMPLES = {
    "unternehmen/<int:pk>/": _company,
    "unternehmen/<int:pk>/bearbeiten/": _company,
    "unternehmen/<int:pk>/bedarfe/neu/": _company,
    "unternehmen/bedarfe/<int:pk>/bearbeiten/": _need,
    "unternehmen/<int:pk>/fruehwarnsignale/neu/": _company,
    "unternehmen/fruehwarnsignale/<int:pk>/erledigt/": _signal,
    "unternehmen/<int:pk>/ansprechpersonen/neu/": _company,
    "unternehmen/ansprechpersonen/<int:pk>/auskunft/": _contact,
    "unternehmen/ansprechpersonen/<int:pk>/anonymisieren/": _contact,
    "unternehmen/<int:pk>/kontakte/neu/": _company,
    "unternehmen/kontakte/<int:pk>/erledigt/": _log_entry,
    "unternehmen/<int:pk>/beschaeftigte/neu/": _company,
    "unternehmen/<int:pk>/netzwerke/neu/": _company,
}
