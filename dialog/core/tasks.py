"""Celery tasks every app shares."""

from celery import shared_task


@shared_task(name="dialog.ping")
def ping(value: str) -> str:
    """Answer with the value: proves that a worker takes tasks from the broker and replies."""
    return f"pong:{value}"
