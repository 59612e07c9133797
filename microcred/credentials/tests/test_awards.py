import json

import pytest
from django.core import mail
from django.db import IntegrityError

from microcred.catalog.tests.factories import StackFactory, add_to_stack
from microcred.credentials.issuing import batch_signing, services
from microcred.credentials.models import Award, AwardKind, CredentialAudit
from microcred.notifications.models import Notification
from microcred.submissions.models import Submission
from microcred.submissions.states import State
from microcred.submissions.tests.factories import enrollment_for

from .factories import earned_stack, met_submission, reviewed_submission, signed_award

pytestmark = pytest.mark.django_db


def test_a_met_decision_awards_one_signed_credential(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    credential = json.loads(award.credential_json)
    assert award.kind == AwardKind.MICRO_CREDENTIAL
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"].startswith("did:web:")
    assert credential["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert award.credential_jwt.count(".") == 2


def test_asking_again_for_the_award_of_a_decision_gives_the_same_award(
    earner, issuer, issuer_admin
):
    submission = met_submission(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    again = services.award_for_decision(Submission.objects.get(pk=submission.pk))

    assert Award.objects.filter(submission=submission).count() == 1
    assert again == Award.objects.get(submission=submission)


def test_the_database_refuses_a_second_award_for_one_submission(earner, issuer, issuer_admin):
    submission = met_submission(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    first = Award.objects.get(submission=submission)

    with pytest.raises(IntegrityError):
        Award.objects.create(
            kind=AwardKind.MICRO_CREDENTIAL,
            earner=first.earner,
            issuer=first.issuer,
            submission=submission,
            version=first.version,
            awarded_at=first.awarded_at,
        )


def test_signing_twice_signs_nothing_the_second_time(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    before = (award.credential_json, award.signed_at)

    assert batch_signing.sign_pending() == 0
    award.refresh_from_db()
    assert (award.credential_json, award.signed_at) == before


def test_the_credential_carries_the_rubric_credit_and_alignments(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    subject = json.loads(award.credential_json)["credentialSubject"]
    achievement = subject["achievement"]
    assert achievement["achievementType"] == "MicroCredential"
    assert "Protocol chosen" in achievement["criteria"]["narrative"]
    assert (
        "1 CPD credit, approved by State Board of Education" in achievement["criteria"]["narrative"]
    )
    assert achievement["creditsAvailable"] == 1.0
    assert subject["creditsEarned"] == 1.0
    assert achievement["alignment"][0]["targetCode"] == "2.5.a"
    assert achievement["image"]["type"] == "Image"
    assert [r["value"] for r in subject["result"]] == ["Met"]
    assert earner.email not in award.credential_json  # only a salted hash names the earner


def test_evidence_appears_only_when_the_earner_allows_it(earner, issuer, issuer_admin):
    submission = met_submission(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    Award.objects.filter(submission=submission).update(include_evidence=True)
    batch_signing.sign_pending()
    other = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    allowed = json.loads(Award.objects.get(submission=submission).credential_json)
    assert allowed["evidence"][0]["narrative"] == "My lesson plan and what happened."
    assert "evidence" not in json.loads(other.credential_json)


def test_earning_every_part_of_a_stack_awards_the_stack(earner, issuer, issuer_admin):
    first, second = (
        enrollment_for(earner, issuer_admin=issuer_admin, fee=0, micro_credential__issuer=issuer)
        for _ in range(2)
    )
    stack = StackFactory(issuer=issuer)
    add_to_stack(stack, first.micro_credential, second.micro_credential)

    met_submission(earner, issuer_admin=issuer_admin, enrollment=first)
    assert not Award.objects.filter(kind=AwardKind.STACK).exists()
    met_submission(earner, issuer_admin=issuer_admin, enrollment=second)
    batch_signing.sign_pending()

    stack_award = Award.objects.get(kind=AwardKind.STACK)
    credential = json.loads(stack_award.credential_json)
    assert stack_award.stack == stack
    assert credential["credentialSubject"]["achievement"]["name"] == stack.title
    assert (
        services.award_completed_stacks(earner, micro_credential_id=first.micro_credential_id) == []
    )


def test_a_not_met_decision_awards_nothing(earner, issuer, issuer_admin):
    submission = reviewed_submission(
        earner, issuer_admin=issuer_admin, met=False, micro_credential__issuer=issuer
    )

    assert Submission.objects.get(pk=submission.pk).state == State.NOT_MET
    assert not Award.objects.exists()


def test_revoking_needs_a_reason_and_the_right_to(earner, issuer, issuer_admin, outsider):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.revoke(award, by=outsider, reason="Plagiarised")
    with pytest.raises(services.CredentialError):
        services.revoke(award, by=issuer_admin, reason="  ")
    services.revoke(award, by=issuer_admin, reason="The evidence was another teacher's.")
    with pytest.raises(services.CredentialError):
        services.revoke(award, by=issuer_admin, reason="Again")

    entry = CredentialAudit.objects.get(award=award, action="revoked")
    assert (entry.actor, entry.reason) == (issuer_admin, "The evidence was another teacher's.")


def test_a_stacks_credential_carries_the_stacks_standards(earner, issuer, issuer_admin):
    _parts, stack_award = earned_stack(
        earner,
        issuer_admin=issuer_admin,
        issuer=issuer,
        alignments=[
            {"framework": "ISTE Standards for Educators", "code": "2.5.a", "name": "Designer"},
            {"framework": "Learning Forward", "name": "Learning Designs"},
        ],
    )

    achievement = json.loads(stack_award.credential_json)["credentialSubject"]["achievement"]
    assert [(a["targetFramework"], a.get("targetCode")) for a in achievement["alignment"]] == [
        ("ISTE Standards for Educators", "2.5.a"),
        ("Learning Forward", None),
    ]
    assert all(a["targetUrl"] == achievement["id"] for a in achievement["alignment"])


def test_earning_a_stack_tells_the_earner_in_the_platform_and_by_mail(
    earner, issuer, issuer_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _parts, stack_award = earned_stack(
            earner,
            issuer_admin=issuer_admin,
            issuer=issuer,
            title="Foundations of Reading",
            endorsement="the Reading Specialist endorsement",
        )

    notice = Notification.objects.get(user=earner, subject__contains="stack")
    assert notice.subject == "You earned the stack Foundations of Reading"
    assert "It leads to: the Reading Specialist endorsement." in notice.body
    assert notice.url == stack_award.stack.get_absolute_url()
    stack_mail = [m for m in mail.outbox if m.subject == notice.subject]
    assert len(stack_mail) == 1
    assert stack_mail[0].to == [earner.email]
