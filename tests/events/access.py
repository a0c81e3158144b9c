"""The events app's part of the access table (docs/design.md §4)."""

from tests.access_table import EVERYONE, LOGGED_IN, PARTNER, STAFF, VERWALTUNG

ORGANISERS = frozenset({VERWALTUNG, PARTNER})


def _event(user, **kwargs):
    from tests.events.factories import EventFactory

    return EventFactory(**kwargs)


def _public_event(user):
    return {"pk": _event(user).pk}


def _co_organised_event(user):
    """An internal event; a partner user's organisation co-organises it."""
    from dialog.accounts.rules import is_partner
    from tests.events.factories import PartnerFactory

    event = _event(user, visibility="internal")
    if is_partner(user):
        partner = PartnerFactory()
        partner.users.add(user)
        event.organisers.add(partner)
    return {"pk": event.pk}


def _registration_of_event(user):
    from tests.events.factories import RegistrationFactory

    registration = RegistrationFactory()
    return {"pk": registration.event_id, "registration_pk": registration.pk}


def _registration_token(kind):
    def make(user):
        from events.tokens import cancel_token_make, confirm_token_make
        from tests.events.factories import RegistrationFactory

        registration = RegistrationFactory(status="pending", queued_at=None)
        maker = confirm_token_make if kind == "confirm" else cancel_token_make
        return {"token": maker(registration)}

    return make


def _week(user):
    from tests.events.factories import MobilityWeekFactory

    return {"year": MobilityWeekFactory().year}


def _feedback_token(user):
    from events.tokens import feedback_token_make
    from tests.events.factories import MobilityMatchFactory

    return {"token": feedback_token_make(MobilityMatchFactory())}


ACCESS = {
    "veranstaltungen/": EVERYONE,
    "veranstaltungen/kalender.ics": EVERYONE,
    "veranstaltungen/neu/": STAFF,
    "veranstaltungen/netzwerktreffen/": STAFF,
    "veranstaltungen/<int:pk>/": EVERYONE,
    "veranstaltungen/<int:pk>/kalender.ics": EVERYONE,
    "veranstaltungen/<int:pk>/anmelden/": EVERYONE,
    "veranstaltungen/<int:pk>/abmelden/": LOGGED_IN,
    "veranstaltungen/<int:pk>/bearbeiten/": STAFF,
    "veranstaltungen/<int:pk>/absagen/": STAFF,
    "veranstaltungen/<int:pk>/anmeldungen/": ORGANISERS,
    "veranstaltungen/<int:pk>/anmeldungen/neu/": STAFF,
    "veranstaltungen/<int:pk>/anmeldungen/<int:registration_pk>/stornieren/": STAFF,
    "veranstaltungen/<int:pk>/anmeldungen/<int:registration_pk>/umbuchen/": STAFF,
    "veranstaltungen/<int:pk>/teilnahme/": STAFF,
    "veranstaltungen/<int:pk>/teilnahmeliste.pdf": STAFF,
    "veranstaltungen/anmeldung/<str:token>/bestaetigen/": EVERYONE,
    "veranstaltungen/anmeldung/<str:token>/abmelden/": EVERYONE,
    "veranstaltungen/woche-der-mobilitaet/": EVERYONE,
    "veranstaltungen/woche-der-mobilitaet/neu/": STAFF,
    "veranstaltungen/woche-der-mobilitaet/rueckmeldung/<str:token>/": EVERYONE,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/": EVERYONE,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/bewerben/": EVERYONE,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/angebote/neu/": STAFF,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/vermittlung/": STAFF,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/rueckmeldungen-anfordern/": STAFF,
}

SAMPLES = {
    "veranstaltungen/<int:pk>/": _public_event,
    "veranstaltungen/<int:pk>/kalender.ics": _public_event,
    "veranstaltungen/<int:pk>/anmelden/": _public_event,
    "veranstaltungen/<int:pk>/abmelden/": _public_event,
    "veranstaltungen/<int:pk>/bearbeiten/": _public_event,
    "veranstaltungen/<int:pk>/absagen/": _public_event,
    "veranstaltungen/<int:pk>/anmeldungen/": _co_organised_event,
    "veranstaltungen/<int:pk>/anmeldungen/neu/": _public_event,
    "veranstaltungen/<int:pk>/anmeldungen/<int:registration_pk>/stornieren/": (
        _registration_of_event
    ),
    "veranstaltungen/<int:pk>/anmeldungen/<int:registration_pk>/umbuchen/": _registration_of_event,
    "veranstaltungen/<int:pk>/teilnahme/": _public_event,
    "veranstaltungen/<int:pk>/teilnahmeliste.pdf": _public_event,
    "veranstaltungen/anmeldung/<str:token>/bestaetigen/": _registration_token("confirm"),
    "veranstaltungen/anmeldung/<str:token>/abmelden/": _registration_token("cancel"),
    "veranstaltungen/woche-der-mobilitaet/rueckmeldung/<str:token>/": _feedback_token,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/": _week,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/bewerben/": _week,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/angebote/neu/": _week,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/vermittlung/": _week,
    "veranstaltungen/woche-der-mobilitaet/<int:year>/rueckmeldungen-anfordern/": _week,
}
