"""Fixtures of the events tests."""

import pytest


@pytest.fixture
def mails_sent(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (which send the e-mails) of everything in the block."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
