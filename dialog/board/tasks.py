"""Celery tasks of the Unternehmerbeirat: thin wrappers around its mail services."""

from celery import shared_task


@shared_task(
    name="board.meeting_invitation_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def board_meeting_invitation_send(meeting_pk: int) -> int:
    """Mail the invitation (agenda and .ics) of a board meeting to the current members."""
    from .services import board_meeting_invitation_mail

    return board_meeting_invitation_mail(meeting_pk=meeting_pk)


@shared_task(
    name="board.minutes_released_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def board_minutes_released_send(meeting_pk: int) -> int:
    """Tell the current members by mail that the minutes of a board meeting are released."""
    from .services import board_minutes_released_mail

    return board_minutes_released_mail(meeting_pk=meeting_pk)
