"""factory_boy factories shared by the tests."""

import factory
from django.contrib.auth import get_user_model

from dialog.accounts.services import user_set_role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="de_DE")
    organisation = factory.Faker("company", locale="de_DE")
    password = factory.django.Password("Sicheres-Passwort-2014")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            user_set_role(user=self, role=extracted)
