"""Every database constraint answers with a German sentence, never with its name."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, UniqueConstraint
from django.urls import reverse
from django.utils import translation

from dialog.accounts.roles import Role
from dialog.board.forms import BoardMembershipForm
from dialog.board.models import BoardMembership
from tests.board.factories import BoardMembershipFactory
from tests.events.factories import MobilityOfferFactory
from tests.factories import UserFactory
from tests.measures.factories import MeasureFactory

# The apps whose constraints the portal defines. The report's models (reports) and the user
# model (dialog.accounts) get their messages from the helpers who own them.
OWN_APPS = {"board", "committee", "companies", "measures", "events"}


def _own_constraints():
    for model in apps.get_models():
        if model._meta.app_label in OWN_APPS:
            for constraint in model._meta.constraints:
                yield model, constraint


def test_the_own_apps_have_constraints():
    kinds = {type(constraint) for _model, constraint in _own_constraints()}
    assert kinds == {CheckConstraint, UniqueConstraint}


@pytest.mark.parametrize(
    ("model", "constraint"),
    list(_own_constraints()),
    ids=lambda value: getattr(value, "name", None) or getattr(value, "__name__", ""),
)
def test_each_constraint_has_a_german_sentence(model, constraint):
    assert constraint.violation_error_message != constraint.default_violation_error_message
    with translation.override("de"):
        message = str(constraint.get_violation_error_message())
    assert constraint.name not in message
    assert "_" not in message
    assert message[0].isupper() and message.endswith(".")
    assert "Bedingung" not in message and "Constraint" not in message


@pytest.mark.django_db
def test_a_membership_that_ends_before_it_starts_is_refused_in_german():
    user = UserFactory(role=Role.BEIRAT)
    form = BoardMembershipForm(
        {
            "user": user.pk,
            "role": "member",
            "started_on": "2026-05-01",
            "ended_on": "2026-04-01",
        }
    )
    assert not form.is_valid()
    errors = " ".join(form.non_field_errors())
    assert errors == "Eine Mitgliedschaft kann nicht vor ihrem Beginn enden."


@pytest.mark.django_db
def test_a_second_open_chair_is_refused_in_german():
    BoardMembershipFactory(role="chair")
    second = BoardMembership(
        user=UserFactory(role=Role.BEIRAT), role="chair", started_on=datetime.date(2026, 5, 1)
    )
    with translation.override("de"), pytest.raises(ValidationError) as caught:
        second.validate_constraints()
    assert caught.value.messages == [
        "Der Beirat hat bereits einen Vorsitz; beenden Sie zuerst dessen Mitgliedschaft."
    ]


@pytest.mark.django_db
def test_an_offer_without_places_is_refused_in_german():
    offer = MobilityOfferFactory(places=1)
    offer.places = 0
    with pytest.raises(ValidationError) as caught:
        offer.validate_constraints()
    assert caught.value.messages == ["Ein Angebot muss mindestens einen Platz haben."]


@pytest.mark.django_db
def test_a_negative_cost_is_refused_in_german_on_the_measure_form(client_for):
    measure = MeasureFactory()
    data = {
        "code": measure.code,
        "title": measure.title,
        "summary": measure.summary,
        "field_of_action": measure.field_of_action.pk,
        "priority": "2",
    }
    for prefix, total in (("phases", 0), ("partners", 0), ("costs", 1), ("indicators", 0)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(total),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update({"costs-0-year": "2027", "costs-0-estimate": "-5,00", "costs-0-funding_source": ""})
    response = client_for(Role.VERWALTUNG).post(reverse("measures:update", args=[measure.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Die geplanten Kosten dürfen nicht negativ sein." in page
    assert "measure_cost_estimate_positive" not in page
    assert measure.costs.count() == 0
