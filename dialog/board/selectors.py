"""Reads of the board area shared by views, mails and reports: meetings, votes, measures."""

import math
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from measures.models import Measure

from .models import (
    AgendaItem,
    BoardDocument,
    BoardMeeting,
    BoardMembership,
    MeasureComment,
    PriorityRound,
    PriorityVote,
    Resolution,
)


@dataclass(frozen=True)
class VoteSummary:
    """The aggregate of the members' ratings of one measure (1 = unwichtig … 5 = sehr wichtig)."""

    count: int
    mean: float | None
    spread: float | None  # population standard deviation
    lowest: int | None
    highest: int | None

    @property
    def suggested_priority(self):
        return priority_from_mean(self.mean) if self.mean is not None else None

    @property
    def suggested_priority_label(self):
        priority = self.suggested_priority
        return Measure.Priority(priority).label if priority is not None else ""


def vote_summary(scores) -> VoteSummary:
    """Count, mean, spread (standard deviation) and range of a list of ratings."""
    scores = list(scores)
    if not scores:
        return VoteSummary(0, None, None, None, None)
    mean = sum(scores) / len(scores)
    spread = math.sqrt(sum((score - mean) ** 2 for score in scores) / len(scores))
    return VoteSummary(len(scores), mean, spread, min(scores), max(scores))


def priority_from_mean(mean: float) -> int:
    """The measure priority a mean rating suggests: thirds of the 1–5 scale → low/medium/high."""
    if mean >= 11 / 3:
        return Measure.Priority.HIGH
    if mean >= 7 / 3:
        return Measure.Priority.MEDIUM
    return Measure.Priority.LOW


def current_members():
    return (
        BoardMembership.objects.current()
        .select_related("user", "company")
        .filter(user__is_active=True)
    )


# What members rate: the open measures, but not ideas. An idea is staff's to triage first and
# no one else sees it (``Measure.objects.visible_to``), in the board area as anywhere.
RATED_STATES = (Measure.Status.PLANNED, Measure.Status.ACTIVE)


def open_measures():
    """The measures members rate: planned and running ones (not ideas, nor completed, deferred
    or dropped measures)."""
    return (
        Measure.objects.filter(status__in=RATED_STATES)
        .select_related("field_of_action")
        .order_by("field_of_action__number", "code")
    )


def open_round(*, votes_of=None, with_voter_count=False):
    """The open voting round, or None; in the same query optionally ``my_vote_count`` (the
    ratings ``votes_of`` gave in it) and ``voter_count`` (how many members voted)."""
    rounds = PriorityRound.objects.filter(is_open=True)
    if votes_of is not None:
        rounds = rounds.annotate(my_vote_count=Count("votes", filter=Q(votes__voter=votes_of)))
    if with_voter_count:
        rounds = rounds.annotate(voter_count=Count("votes__voter", distinct=True))
    return rounds.first()


def round_results(priority_round):
    """Per measure rated in the round (or open now): the measure and the vote summary."""
    scores = {}
    for measure_id, score in PriorityVote.objects.filter(round=priority_round).values_list(
        "measure_id", "score"
    ):
        scores.setdefault(measure_id, []).append(score)
    shown = Q(pk__in=scores)
    if priority_round.is_open:
        shown |= Q(status__in=RATED_STATES)
    measures = (
        Measure.objects.filter(shown)
        .select_related("field_of_action")
        .order_by("field_of_action__number", "code")
    )
    return [(measure, vote_summary(scores.get(measure.pk, []))) for measure in measures]


def member_votes(priority_round, voter) -> dict[int, int]:
    return dict(
        PriorityVote.objects.filter(round=priority_round, voter=voter).values_list(
            "measure_id", "score"
        )
    )


def meetings_with_agenda(queryset=None):
    """Meetings with their agenda (and each item's measure) and documents in two queries."""
    queryset = queryset if queryset is not None else BoardMeeting.objects.all()
    return queryset.prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related("measure").order_by("position"),
        ),
        Prefetch(
            "documents",
            queryset=BoardDocument.objects.select_related("agenda_item").order_by(
                "agenda_item__position", "original_name"
            ),
        ),
    )


def meeting_detail(pk):
    return meeting_detail_queryset(BoardMeeting.objects.filter(pk=pk))


def resolutions_released():
    """Resolutions of meetings whose minutes are released (what members may read)."""
    return Resolution.objects.filter(meeting__minutes_released_at__isnull=False)


def measures_with_comment_counts(user, *, include_hidden: bool):
    """The measures the user may see, each with its number of (visible) comments."""
    visible = Q() if include_hidden else Q(board_comments__hidden_at__isnull=True)
    return (
        Measure.objects.visible_to(user)
        .select_related("field_of_action")
        .annotate(comment_count=Count("board_comments", filter=visible))
    )


def comments_for(measure, *, include_hidden: bool):
    comments = MeasureComment.objects.filter(measure=measure).select_related("author", "hidden_by")
    if not include_hidden:
        comments = comments.filter(hidden_at__isnull=True)
    return comments.order_by("created_at")


def meetings_in_period(start, end):
    """Board meetings held between two dates (inclusive) with their agenda and resolutions;
    for the committee reports (Berichterstattung) and their "board meetings" chapter."""
    return meeting_detail_queryset(
        BoardMeeting.objects.filter(starts_at__date__gte=start, starts_at__date__lte=end)
    ).order_by("starts_at")


def meeting_detail_queryset(queryset):
    return meetings_with_agenda(queryset).prefetch_related(
        Prefetch(
            "resolutions",
            queryset=Resolution.objects.select_related(
                "measure", "agenda_item", "applied_by"
            ).order_by("pk"),
        )
    )
