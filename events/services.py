"""Writes on events, registrations and the Woche der Mobilität.

Capacity is guarded by locking the event row (``select_for_update``) in every write that takes
or frees a place, so that concurrent registrations never exceed it.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import Company
from dialog.core.mail import Attachment, absolute_url, mail_send

from .calendars import calendar_for
from .matching import Placement
from .models import (
    Event,
    MobilityApplication,
    MobilityFeedback,
    MobilityMatch,
    MobilityWeek,
    Registration,
)
from .tokens import (
    CONFIRM_MAX_AGE,
    cancel_token_make,
    confirm_token_make,
    feedback_token_make,
)


# --- Mail ---------------------------------------------------------------------------------
def _mail_on_commit(template: str, context: dict, recipients: list[str], attachments=()) -> None:
    """Send ``events/emails/<template>`` through the portal's mail service (after commit)."""
    mail_send(
        template=f"events/emails/{template}",
        context=context,
        to=recipients,
        attachments=attachments,
    )


def _calendar_attachment(event: Event) -> Attachment:
    return Attachment("veranstaltung.ics", calendar_for([event], name=event.title), "text/calendar")


def _registration_context(registration: Registration) -> dict:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "event_url": absolute_url(event.get_absolute_url()),
        "cancel_url": absolute_url(
            reverse("events:self-cancel", kwargs={"token": cancel_token_make(registration)})
        ),
    }


def _status_mail(registration: Registration) -> None:
    """Tell the person where they stand: registered (with the calendar entry) or waiting."""
    registered = registration.status == Registration.Status.REGISTERED
    _mail_on_commit(
        "registration_" + registration.status,
        _registration_context(registration),
        [registration.email],
        attachments=[_calendar_attachment(registration.event)] if registered else (),
    )


# --- Events -------------------------------------------------------------------------------
def event_save(*, event: Event, organisers=None, measures=None) -> Event:
    """Create or change an event (with its organising partners and linked measures)."""
    with transaction.atomic():
        if event.pk is not None:
            Event.objects.select_for_update().filter(pk=event.pk).first()  # lock the row
        event.full_clean()
        event.save()
        if organisers is not None:
            event.organisers.set(organisers)
        if measures is not None:
            event.measures.set(measures)
        if event.status == Event.Status.OPEN:
            # More places (or an event opened again) move waiting people up.
            registration_promote_waitlist(event=event)
    return event


def event_cancel(*, event: Event, reason: str) -> Event:
    """Cancel the event and tell everyone who is registered or waiting."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Bitte geben Sie einen Grund für die Absage an."))
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == Event.Status.CANCELLED:
            raise ValidationError(_("Die Veranstaltung ist bereits abgesagt."))
        event.status = Event.Status.CANCELLED
        event.cancellation_reason = reason
        event.full_clean()
        event.save()
        informed = event.registrations.filter(
            status__in=[Registration.Status.REGISTERED, Registration.Status.WAITLISTED]
        )
        for registration in informed:
            _mail_on_commit(
                "event_cancelled",
                {**_registration_context(registration), "reason": reason},
                [registration.email],
            )
    return event


# --- Registrations ------------------------------------------------------------------------
def _company_named(name: str) -> Company | None:
    """The company of the register with exactly this name (case aside), if any."""
    return Company.objects.filter(name__iexact=name).order_by("pk").first() if name else None


def _take_place_or_wait(*, event: Event, registration: Registration) -> None:
    """Put a confirmed registration on the list or the waitlist. ``event`` must be locked."""
    taken = event.registrations.holding_place().count()
    registration.status = (
        Registration.Status.REGISTERED if taken < event.capacity else Registration.Status.WAITLISTED
    )
    registration.queued_at = timezone.now()


def _check_open(event: Event, *, by_staff: bool = False) -> None:
    """People register while registration is open; staff may add someone until the start."""
    if by_staff:
        if event.status == Event.Status.CANCELLED or event.has_started:
            raise ValidationError(
                _("Die Veranstaltung ist abgesagt oder hat bereits begonnen."), code="closed"
            )
        return
    if not event.registration_open:
        raise ValidationError(
            _("Für diese Veranstaltung ist keine Anmeldung (mehr) möglich."), code="closed"
        )


def registration_create(
    *,
    event: Event,
    name: str,
    email: str,
    company_name: str = "",
    user=None,
    confirmed: bool = False,
    by_staff: bool = False,
) -> Registration:
    """Register a person for an event.

    ``user``: the account that registers itself. The registration belongs to the account, not
    to an address: the event page shows it to the account, which may cancel it.

    ``confirmed``: the address is proven to be the person's (an account's verified address);
    the person takes a place or joins the waitlist at once. Otherwise the registration waits
    for the person to follow the confirmation link in the e-mail (double opt-in).

    An account with a proven address claims a registration made without an account for that
    same address (docs/design.md, "Identity and public forms"): it becomes the account's, and
    an unconfirmed one counts as confirmed. Nothing else hands a registration to an account.

    ``by_staff``: staff register someone (on the phone, by letter). The registration counts as
    confirmed, and staff may add people after the deadline until the event starts.
    """
    confirmed = confirmed or by_staff
    email = (email or "").strip().lower()
    company_name = (company_name or "").strip()
    company = _company_named(company_name)
    duplicate = ValidationError(
        _("Mit dieser E-Mail-Adresse ist bereits eine Anmeldung vorhanden."), code="duplicate"
    )
    try:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event.pk)
            _check_open(event, by_staff=by_staff)
            active = event.registrations.active()
            if user is not None and active.filter(user=user).exists():
                raise ValidationError(
                    _("Sie sind für diese Veranstaltung bereits angemeldet."), code="duplicate"
                )
            existing = active.filter(email__iexact=email).first()
            if existing is not None:
                if user is not None and confirmed and existing.user_id is None:
                    return _registration_claim(event=event, registration=existing, user=user)
                raise duplicate
            registration = Registration(
                event=event,
                name=(name or "").strip(),
                email=email,
                company_name=company_name,
                company=company,
                user=user,
            )
            if confirmed:
                _take_place_or_wait(event=event, registration=registration)
            registration.full_clean(validate_constraints=False)
            registration.save()
            if confirmed:
                _status_mail(registration)
            else:
                _mail_on_commit(
                    "registration_confirm",
                    {
                        **_registration_context(registration),
                        "confirm_url": absolute_url(
                            reverse(
                                "events:confirm",
                                kwargs={"token": confirm_token_make(registration)},
                            )
                        ),
                        "valid_hours": CONFIRM_MAX_AGE // 3600,
                    },
                    [email],
                )
    except IntegrityError as exc:  # the same address registered at the very same moment
        raise duplicate from exc
    return registration


def _registration_claim(*, event: Event, registration: Registration, user) -> Registration:
    """An account with the proven address takes over a registration made without an account.

    ``event`` must be locked.
    """
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.user = user
    if registration.status == Registration.Status.PENDING:
        _take_place_or_wait(event=event, registration=registration)
        registration.save(update_fields=["user", "status", "queued_at"])
        _status_mail(registration)
    else:
        registration.save(update_fields=["user"])
    return registration


def registration_confirm(*, registration: Registration) -> Registration:
    """The person followed the confirmation link: take a place or join the waitlist."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            return registration  # confirmed before: following the link twice is harmless
        _check_open(event)
        _take_place_or_wait(event=event, registration=registration)
        registration.full_clean(validate_constraints=False)
        registration.save()
        _status_mail(registration)
    return registration


def _registration_end(*, event: Event, registration: Registration) -> None:
    """Cancel a registration and give a freed place to the waitlist.

    ``event`` and ``registration`` must be locked.
    """
    if event.has_started or registration.status in (
        Registration.Status.ATTENDED,
        Registration.Status.NO_SHOW,
    ):
        raise ValidationError(
            _("Die Veranstaltung hat bereits begonnen; eine Abmeldung ist nicht mehr möglich."),
            code="started",
        )
    freed = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if freed and event.status != Event.Status.CANCELLED and event.is_upcoming:
        registration_promote_waitlist(event=event)


def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel a registration (the person or staff); a freed place goes to the first person on
    the waitlist."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        _registration_end(event=event, registration=registration)
    return registration


def registration_move(*, registration: Registration, event: Event) -> Registration:
    """Staff move a person's registration to another event.

    The old registration is cancelled (its place goes to the waitlist there); on the other event
    the person takes a place or joins the waitlist and is told by e-mail. Returns the new
    registration.
    """
    if event.pk == registration.event_id:
        raise ValidationError(
            _("Die Anmeldung gehört bereits zu dieser Veranstaltung."), code="same_event"
        )
    with transaction.atomic():
        # Both events locked, always in the same order, so that two moves never deadlock.
        locked = {
            locked_event.pk: locked_event
            for locked_event in Event.objects.select_for_update()
            .filter(pk__in=[registration.event_id, event.pk])
            .order_by("pk")
        }
        source, target = locked[registration.event_id], locked[event.pk]
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in (
            Registration.Status.REGISTERED,
            Registration.Status.WAITLISTED,
        ):
            raise ValidationError(
                _("Nur angemeldete oder wartende Personen lassen sich umbuchen."),
                code="not_active",
            )
        _check_open(target, by_staff=True)
        if target.registrations.active().filter(email__iexact=registration.email).exists():
            raise ValidationError(
                _("Für die andere Veranstaltung ist diese E-Mail-Adresse bereits angemeldet."),
                code="duplicate",
            )
        _registration_end(event=source, registration=registration)
        moved = Registration(
            event=target,
            name=registration.name,
            email=registration.email,
            company_name=registration.company_name,
            company=registration.company,
            user=registration.user,
        )
        _take_place_or_wait(event=target, registration=moved)
        moved.full_clean(validate_constraints=False)
        moved.save()
        _status_mail(moved)
    return moved


def registration_promote_waitlist(*, event: Event) -> list[Registration]:
    """Move waitlisted people up while there are free places. ``event`` must be locked."""
    promoted = []
    free = event.capacity - event.registrations.holding_place().count()
    for registration in event.registrations.waitlisted()[: max(free, 0)]:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status"])
        _mail_on_commit(
            "registration_promoted",
            _registration_context(registration),
            [registration.email],
            attachments=[_calendar_attachment(event)],
        )
        promoted.append(registration)
    return promoted


def registration_set_attendance(*, registration: Registration, attended: bool) -> Registration:
    """Staff record at the door whether a registered person came."""
    if registration.status not in Registration.HOLDING_PLACE:
        raise ValidationError(
            _("Teilnahme lässt sich nur für angemeldete Personen erfassen."), code="not_registered"
        )
    with transaction.atomic():
        registration.status = (
            Registration.Status.ATTENDED if attended else Registration.Status.NO_SHOW
        )
        registration.save(update_fields=["status"])
    return registration


def registrations_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete registrations whose confirmation link has expired; returns how many."""
    limit = (now or timezone.now()) - datetime.timedelta(seconds=CONFIRM_MAX_AGE)
    with transaction.atomic():
        deleted, _details = Registration.objects.filter(
            status=Registration.Status.PENDING, created_at__lt=limit
        ).delete()
    return deleted


# --- Woche der Mobilität ------------------------------------------------------------------
def mobility_application_create(
    *,
    week: MobilityWeek,
    name: str,
    email: str,
    company_name: str,
    interests: str,
    preferred_days: list[datetime.date],
) -> MobilityApplication:
    """An employee applies for a placement in this edition.

    ``company_name`` is what the person typed; it links the application to the company of the
    register with exactly that name (case aside), if there is one.
    """
    valid_days = set(week.days)
    if not preferred_days or not set(preferred_days) <= valid_days:
        raise ValidationError(_("Bitte wählen Sie Tage aus der Woche der Mobilität."))
    email = email.strip().lower()
    company_name = (company_name or "").strip()
    if week.applications.filter(email__iexact=email).exists():
        raise ValidationError(
            _("Mit dieser E-Mail-Adresse liegt bereits eine Bewerbung vor."), code="duplicate"
        )
    with transaction.atomic():
        application = MobilityApplication(
            week=week,
            name=name.strip(),
            email=email,
            home_company_name=company_name,
            home_company=_company_named(company_name),
            interests=interests.strip(),
            preferred_days=[day.isoformat() for day in sorted(preferred_days)],
        )
        application.full_clean()
        application.save()
        _mail_on_commit(
            "mobility_applied",
            {"application": application, "week": week},
            [application.email],
        )
    return application


def mobility_matches_accept(
    *, week: MobilityWeek, placements: list[Placement], accepted_by
) -> list[MobilityMatch]:
    """Staff accept suggested placements: record them and send the confirmations."""
    created = []
    with transaction.atomic():
        week = MobilityWeek.objects.select_for_update().get(pk=week.pk)
        offers = {offer.pk: offer for offer in week.offers.select_related("host_company")}
        applications = {
            application.pk: application
            for application in week.applications.select_related("home_company").filter(
                status=MobilityApplication.Status.APPLIED
            )
        }
        taken = {pk: offer.matches.count() for pk, offer in offers.items()}
        for placement in placements:
            offer = offers.get(placement.offer_id)
            application = applications.get(placement.applicant_id)
            if offer is None or application is None:
                continue  # changed since the suggestion was made
            if offer.host_company_id == application.home_company_id:
                raise ValidationError(_("Niemand hospitiert im eigenen Unternehmen."))
            if taken[offer.pk] >= offer.places:
                raise ValidationError(
                    _("Das Angebot „%(offer)s“ hat keine freien Plätze mehr.") % {"offer": offer}
                )
            days = sorted(set(application.preferred_days) & set(offer.days))
            if not days:
                raise ValidationError(_("Angebot und Wunschtage haben keinen gemeinsamen Tag."))
            match = MobilityMatch.objects.create(
                application=application, offer=offer, days=days, accepted_by=accepted_by
            )
            taken[offer.pk] += 1
            application.status = MobilityApplication.Status.MATCHED
            application.save(update_fields=["status"])
            context = {"match": match, "application": application, "offer": offer, "week": week}
            _mail_on_commit("mobility_matched", context, [application.email])
            _mail_on_commit("mobility_host", context, [offer.contact_email])
            created.append(match)
    return created


def mobility_feedback_request(*, week: MobilityWeek) -> int:
    """After the week, send every placed participant the link to the feedback form."""
    matches = MobilityMatch.objects.filter(offer__week=week, feedback__isnull=True).select_related(
        "application", "offer__host_company"
    )
    with transaction.atomic():
        for match in matches:
            url = absolute_url(
                reverse("events:mobility-feedback", kwargs={"token": feedback_token_make(match)})
            )
            _mail_on_commit(
                "mobility_feedback",
                {"match": match, "week": week, "feedback_url": url},
                [match.application.email],
            )
    return len(matches)


def mobility_feedback_submit(
    *,
    match: MobilityMatch,
    rating: int,
    learned_something: bool,
    would_recommend: bool,
    comment: str = "",
) -> MobilityFeedback:
    """A participant gives feedback (once; sending the form again changes it)."""
    with transaction.atomic():
        feedback = MobilityFeedback.objects.filter(match=match).first() or MobilityFeedback(
            match=match
        )
        feedback.rating = rating
        feedback.learned_something = learned_something
        feedback.would_recommend = would_recommend
        feedback.comment = (comment or "").strip()
        feedback.submitted_at = timezone.now()
        feedback.full_clean()
        feedback.save()
    return feedback
