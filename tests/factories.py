"""factory_boy factories shared by the tests."""

import factory
from allauth.account.models import EmailAddress
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

    @factory.post_generation
    def email_verified(self, create, extracted, **kwargs):
        """An account's address is proven (as after an accepted invitation) unless
        ``email_verified=False``."""
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email.lower(), verified=True, primary=True
            )
