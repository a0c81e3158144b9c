"""Background jobs of the measures: telling people about ideas and decisions on them."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_staff_of_idea(measure_pk: int) -> None:
    """E-mail the staff that a new measure idea waits for triage."""
    from .notifications import idea_proposed_notify

    idea_proposed_notify(measure_pk=measure_pk)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_proposer_of_triage(measure_pk: int) -> None:
    """E-mail the proposer of an idea what staff decided."""
    from .notifications import idea_triaged_notify

    idea_triaged_notify(measure_pk=measure_pk)
