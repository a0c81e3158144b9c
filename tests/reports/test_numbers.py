"""Vorlage numbers stay unique when drafts are created at the same time."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from reports.services import report_number_allocate


@pytest.mark.django_db(transaction=True)
def test_concurrent_drafts_never_share_a_number():
    def allocate(_):
        try:
            return report_number_allocate()[2]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = list(pool.map(allocate, range(12)))

    assert len(set(numbers)) == 12
    assert sorted(int(number.split("/")[1]) for number in numbers) == list(range(1, 13))
