"""Nobody learns by guessing IDs which meetings, documents or rounds exist: without the right,
an existing and a missing object get the same answer."""

import pytest
from django.urls import get_resolver, reverse

from dialog.accounts.roles import Role

from .factories import (
    AgendaItemFactory,
    BoardDocumentFactory,
    BoardMembershipFactory,
    CommitteeMeetingFactory,
    MeasureCommentFactory,
    PriorityRoundFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


def _routes_with_ids(namespace):
    resolver = get_resolver().namespace_dict[namespace][1]
    for pattern in resolver.url_patterns:
        keys = sorted(pattern.pattern.converters)
        if keys:
            yield f"{namespace}:{pattern.name}", keys


ROUTES = [*_routes_with_ids("board"), *_routes_with_ids("committee")]


@pytest.mark.parametrize(("name", "keys"), ROUTES, ids=[name for name, _ in ROUTES])
@pytest.mark.parametrize("role", [None, Role.PARTNER, Role.AUSSCHUSS, Role.BEIRAT])
def test_without_the_right_a_missing_object_is_refused_like_an_existing_one(
    name, keys, role, client_for
):
    # Objects exist for small IDs; 987654 exists for nothing.
    AgendaItemFactory()
    BoardDocumentFactory()
    BoardMembershipFactory()
    ResolutionFactory()
    MeasureCommentFactory()
    PriorityRoundFactory()
    CommitteeMeetingFactory()
    client = client_for(role)
    missing = client.get(reverse(name, kwargs=dict.fromkeys(keys, 987654)))
    if role is None:
        assert missing.status_code == 302
        assert missing["Location"].startswith(reverse("account_login"))
    elif role == Role.BEIRAT and missing.status_code != 403:
        assert missing.status_code in (404, 405)  # board members may see existing ones
    else:
        assert missing.status_code == 403, name
