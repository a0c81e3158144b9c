"""Reads on events and registrations shared by views, reports and dashboards."""

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from dialog.accounts.rules import is_beirat, is_partner, is_verwaltung


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The events this user may see (docs/design.md §4): staff all, beirat and partner also
        members' events, partners also the events they co-organise, everyone else public ones."""
        if is_verwaltung(user):
            return self
        condition = Q(visibility="public")
        if is_beirat(user) or is_partner(user):
            condition |= Q(visibility="members")
        if is_partner(user):
            condition |= Q(organisers__users=user)
            # A partner user may co-organise through several partners: one row per event.
            return self.filter(pk__in=self.model.objects.filter(condition).values("pk"))
        return self.filter(condition)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")

    def co_organised_by(self, user):
        return self.filter(organisers__users=user).distinct()

    def with_counts(self, *, attendance=True):
        """Annotate places taken, waitlist length and (unless ``attendance=False``, for lists
        that show only the places) attendance figures.

        Correlated subqueries rather than a GROUP BY over the joined registrations: the
        database computes them only for the rows it returns (a page of 20), not for every
        event before sorting and slicing.
        """
        from .models import Registration

        def count(*statuses):
            return Coalesce(
                Subquery(
                    Registration.objects.filter(event=OuterRef("pk"), status__in=statuses)
                    .order_by()
                    .values("event")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            )

        counts = {
            "registered_count": count("registered", "attended", "no_show"),
            "waitlist_count": count("waitlisted"),
        }
        if attendance:
            counts.update(attended_count=count("attended"), no_show_count=count("no_show"))
        return self.annotate(**counts)


class RegistrationQuerySet(models.QuerySet):
    def holding_place(self):
        return self.filter(status__in=["registered", "attended", "no_show"])

    def waitlisted(self):
        return self.filter(status="waitlisted").order_by("queued_at", "pk")

    def active(self):
        return self.exclude(status="cancelled")
