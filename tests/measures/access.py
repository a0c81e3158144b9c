"""The measures' part of the access table (docs/design.md §4)."""

from tests.access_table import DIRECTORY, EVERYONE, PARTNER, STAFF, VERWALTUNG

ACCESS = {
    "massnahmen/": EVERYONE,
    "massnahmen/export/": STAFF,
    "massnahmen/neu/": STAFF,
    "massnahmen/idee/": DIRECTORY,
    "massnahmen/ideen/": STAFF,
    "massnahmen/zeitplan/": EVERYONE,
    "massnahmen/kapazitaet/": STAFF,
    "massnahmen/kapazitaet/staffelung/": STAFF,
    "massnahmen/<int:pk>/": EVERYONE,
    "massnahmen/<int:pk>/bearbeiten/": STAFF,
    "massnahmen/<int:pk>/status/": STAFF,
    # A partner user reports on their organisation's measures (the sample makes it theirs).
    "massnahmen/<int:pk>/fortschritt/": frozenset({VERWALTUNG, PARTNER}),
    "massnahmen/<int:pk>/kennzahl/": STAFF,
    "massnahmen/<int:pk>/bewerten/": STAFF,
    "partner/": DIRECTORY,
    "partner/<int:pk>/": DIRECTORY,
}


def _a_measure(user):
    from .factories import MeasureFactory, PhaseFactory

    measure = MeasureFactory()
    PhaseFactory(measure=measure)
    return {"pk": measure.pk}


def _measure_of_users_partner(user):
    """A measure whose partner the user (if a partner user) is a contact person of."""
    from .factories import MeasureFactory, MeasurePartnerFactory, PartnerFactory

    measure = MeasureFactory()
    MeasurePartnerFactory(measure=measure, partner=PartnerFactory(users=[user] if user else []))
    return {"pk": measure.pk}


def _an_idea(user):
    from measures.models import Measure

    from .factories import MeasureFactory

    return {"pk": MeasureFactory(status=Measure.Status.IDEA).pk}


def _a_partner(user):
    from .factories import PartnerFactory

    return {"pk": PartnerFactory().pk}


SAMPLES = {
    "massnahmen/<int:pk>/": _a_measure,
    "massnahmen/<int:pk>/bearbeiten/": _a_measure,
    "massnahmen/<int:pk>/status/": _a_measure,
    "massnahmen/<int:pk>/fortschritt/": _measure_of_users_partner,
    "massnahmen/<int:pk>/kennzahl/": _a_measure,
    "massnahmen/<int:pk>/bewerten/": _an_idea,
    "partner/<int:pk>/": _a_partner,
}
