"""Personas shared by every app's tests."""

import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

# Processes the tests start (workers, commands) read no developer's demo .env either,
# unless a test names a file of its own.
os.environ["ENV_FILE"] = os.devnull


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashing():
    """Passwords are hashed with Argon2 at its lowest cost: the production cost (about a
    third of a second each) would be paid for every person a test makes or signs in."""
    hashers = ["tests.hashers.QuickArgon2PasswordHasher", *settings.PASSWORD_HASHERS[1:]]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploaded files of a test run go to a folder that disappears with it."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _status_lists_checked_anew():
    """A status list whose proof one test checked is checked again in the next, whose
    keys (pinned, fetched) may differ."""
    from microcred.credentials.verification import cache

    cache.forget_status_lists()


@pytest.fixture
def issuer():
    return OrganizationFactory(kind=Organization.Kind.ISSUER, name="Lakeside Teaching Institute")


@pytest.fixture
def other_issuer():
    return OrganizationFactory(kind=Organization.Kind.ISSUER, name="Prairie Educators Guild")


@pytest.fixture
def district():
    return OrganizationFactory(kind=Organization.Kind.DISTRICT, name="Riverbend Unified")


@pytest.fixture
def earner(district):
    user = UserFactory(name="Erin Earner")
    MembershipFactory(user=user, organization=district, role=Role.EARNER)
    return user


@pytest.fixture
def issuer_admin(issuer):
    user = UserFactory(name="Ivy Issuer")
    MembershipFactory(user=user, organization=issuer, role=Role.ISSUER_ADMIN)
    return user


@pytest.fixture
def org_admin(issuer):
    user = UserFactory(name="Oren Orgadmin")
    MembershipFactory(user=user, organization=issuer, role=Role.ORG_ADMIN)
    return user


@pytest.fixture
def assessor(issuer):
    user = UserFactory(name="Asha Assessor")
    MembershipFactory(user=user, organization=issuer, role=Role.ASSESSOR)
    return user


@pytest.fixture
def outsider():
    return UserFactory(name="Otto Outsider")


# Property-based tests: modest example counts keep the suite quick; the deadline is a
# bound on time that a loaded CI machine still meets, so only a runaway parser fails it.
# Under CI the examples are the same on every run and nothing is stored between runs.
hypothesis_settings.register_profile(
    "default", max_examples=40, deadline=timedelta(seconds=5), print_blob=True
)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("default"), derandomize=True, database=None
)
# `pytest --hypothesis-profile=thorough` hunts longer, before a release or after a parser change.
hypothesis_settings.register_profile(
    "thorough", parent=hypothesis_settings.get_profile("default"), max_examples=1000
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")
