from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.assessment.models import AssessorProfile, Qualification
from microcred.catalog.models import Requirement
from microcred.submissions import services as submissions


def qualified_assessor(micro_credential, *, capacity=10, district=None, name=None):
    user = UserFactory(**({"name": name} if name else {}))
    MembershipFactory(user=user, organization=micro_credential.issuer, role=Role.ASSESSOR)
    if district is not None:
        MembershipFactory(user=user, organization=district, role=Role.EARNER)
    profile = AssessorProfile.objects.create(user=user, capacity=capacity)
    Qualification.objects.create(
        assessor=profile, micro_credential=micro_credential, is_calibrated=True
    )
    return profile


def submitted(enrollment, *, text="My lesson plan and what happened."):
    """The earner's attempt with every requirement answered, submitted."""
    earner = enrollment.earner
    submission = submissions.start_attempt(enrollment, by=earner)
    for requirement in Requirement.objects.filter(version=enrollment.version):
        submissions.save_text(submission, requirement, by=earner, kind="text", text=text)
    return submissions.submit(submission, by=earner)
