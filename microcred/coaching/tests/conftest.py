import pytest

from microcred.accounts.tests.factories import UserFactory
from microcred.backpack.models import Enrollment
from microcred.submissions import services as submissions

from .factories import CohortFactory, cohort_draft, facilitator_of, two_part_version


@pytest.fixture
def version(issuer, issuer_admin):
    return two_part_version(issuer_admin, issuer)


@pytest.fixture
def facilitator(issuer):
    return facilitator_of(issuer)


@pytest.fixture
def cohort(version, facilitator):
    return CohortFactory(micro_credential=version.micro_credential, facilitator=facilitator)


@pytest.fixture
def draft(earner, cohort):
    return cohort_draft(earner, cohort)


@pytest.fixture
def requirements(version):
    return list(version.requirements.order_by("position"))


@pytest.fixture
def other_facilitator(issuer, version):
    """Facilitates another cohort of the same micro-credential."""
    user = facilitator_of(issuer, name="Gus Otherfacilitator")
    CohortFactory(micro_credential=version.micro_credential, facilitator=user)
    return user


@pytest.fixture
def stranger_draft(version):
    """A draft of an earner who is in no cohort at all."""
    earner = UserFactory(name="Nadia Notincohort")
    enrollment = Enrollment.objects.create(
        earner=earner, micro_credential=version.micro_credential, version=version
    )
    return submissions.start_attempt(enrollment, by=earner)
