"""Writes on the committees and their meeting dates."""

from django.db import transaction

from .models import Committee, CommitteeMeeting


def committee_save(*, committee: Committee) -> Committee:
    with transaction.atomic():
        committee.full_clean()
        committee.save()
    return committee


def committee_meeting_save(*, meeting: CommitteeMeeting) -> CommitteeMeeting:
    with transaction.atomic():
        meeting.full_clean()
        meeting.save()
    return meeting


def committee_meeting_delete(*, meeting: CommitteeMeeting) -> None:
    """Delete a meeting date; a date that reports refer to is protected by them."""
    with transaction.atomic():
        meeting.delete()
