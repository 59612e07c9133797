import pytest

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import enrollment_for


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def draft(enrollment, earner):
    return submissions.start_attempt(enrollment, by=earner)


@pytest.fixture
def other_staff(other_issuer):
    user = UserFactory(name="Pat Otherissuer")
    MembershipFactory(user=user, organization=other_issuer, role=Role.ISSUER_ADMIN)
    return user


@pytest.fixture
def other_earners_draft(issuer, issuer_admin):
    someone = UserFactory(name="Sol Someoneelse")
    enrollment = enrollment_for(
        someone, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    return submissions.start_attempt(enrollment, by=someone)
