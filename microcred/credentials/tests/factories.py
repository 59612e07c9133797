"""Awards made the way the platform makes them: a submission reviewed Met by two assessors."""

from microcred.assessment.models import Assignment
from microcred.assessment.services import assign
from microcred.assessment.services import reviews as assessment
from microcred.assessment.tests.factories import qualified_assessor, submitted
from microcred.catalog.models import RubricCriterion
from microcred.credentials.issuing import batch_signing
from microcred.credentials.models import Award
from microcred.submissions.tests.factories import enrollment_for


def decide(submission, *, met: bool) -> None:
    """Every open reviewer of the submission scores every criterion the same way."""
    criteria = RubricCriterion.objects.filter(
        requirement__version_id=submission.enrollment.version_id
    )
    feedback = "" if met else "The plan names no protocol."
    for assignment in Assignment.objects.filter(
        submission=submission, status__in=["offered", "accepted"]
    ):
        assessment.record_review(
            assignment,
            by=assignment.assessor.user,
            scores={c.pk: (met, feedback) for c in criteria},
            overall_comment="Clear evidence throughout." if met else "Not yet.",
        )


def reviewed_submission(earner, *, issuer_admin, met=True, enrollment=None, **version_kwargs):
    """A submission decided the real way: evidence submitted, two assessors agree."""
    enrollment = enrollment or enrollment_for(
        earner, issuer_admin=issuer_admin, fee=0, **version_kwargs
    )
    if not hasattr(enrollment.micro_credential, "_pool"):
        for _ in range(2):
            qualified_assessor(enrollment.micro_credential)
        enrollment.micro_credential._pool = True
    submission = submitted(enrollment)
    assign.sweep()
    decide(submission, met=met)
    return submission


def met_submission(earner, *, issuer_admin, enrollment=None, **version_kwargs):
    return reviewed_submission(
        earner, issuer_admin=issuer_admin, enrollment=enrollment, **version_kwargs
    )


def signed_award(earner, *, issuer_admin, **version_kwargs) -> Award:
    submission = met_submission(earner, issuer_admin=issuer_admin, **version_kwargs)
    batch_signing.sign_pending()
    return Award.objects.get(submission=submission)


def earned_stack(
    earner, *, issuer_admin, issuer, alignments=(), version_kwargs=None, **stack_fields
) -> tuple[list[Award], Award]:
    """Both parts of a two-part stack earned and signed: the part awards and the stack's.
    The stack is aligned to each of `alignments` (add_stack_alignment's keywords)."""
    from microcred.catalog import services as catalog
    from microcred.catalog.tests.factories import StackFactory, add_to_stack

    enrollments = [
        enrollment_for(
            earner,
            issuer_admin=issuer_admin,
            fee=0,
            micro_credential__issuer=issuer,
            **(version_kwargs or {}),
        )
        for _ in range(2)
    ]
    stack = StackFactory(issuer=issuer, **stack_fields)
    add_to_stack(stack, *(e.micro_credential for e in enrollments))
    for alignment in alignments:
        catalog.add_stack_alignment(stack, by=issuer_admin, **alignment)
    submissions = [
        met_submission(earner, issuer_admin=issuer_admin, enrollment=e) for e in enrollments
    ]
    batch_signing.sign_pending()
    parts = [Award.objects.get(submission=s) for s in submissions]
    return parts, Award.objects.get(stack=stack, earner=earner)
