"""Every move of an award goes through credentials.issuing.lifecycle and leaves an audit row."""

import pytest

from microcred.credentials.issuing import batch_signing, lifecycle, services
from microcred.credentials.models import AuditAction, Award, CredentialAudit

from .factories import met_submission, signed_award

pytestmark = pytest.mark.django_db

State, Event = lifecycle.State, lifecycle.Event
STATES = [None, State.UNSIGNED, State.SIGNED, State.REVOKED]
EVENTS = [Event.ISSUED, Event.SIGNED, Event.SIGNED_AGAIN, Event.REVOKED, Event.PRIVACY]


def history(award):
    return list(
        CredentialAudit.objects.filter(award=award).values_list("action", flat=True).order_by("pk")
    )


def last_entry(award):
    """What the award's latest audit row says: the move, who made it and why."""
    entry = CredentialAudit.objects.filter(award=award).last()
    return entry.action, entry.actor, entry.reason


@pytest.mark.parametrize(("state", "event"), list(lifecycle.TRANSITIONS))
def test_every_allowed_move_is_in_the_table(state, event):
    assert lifecycle._check(state, event) == lifecycle.TRANSITIONS[(state, event)]


@pytest.mark.parametrize(
    ("state", "event"),
    [(s, e) for s in STATES for e in EVENTS if (s, e) not in lifecycle.TRANSITIONS],
)
def test_every_other_move_is_refused(state, event):
    with pytest.raises(lifecycle.IllegalMove):
        lifecycle._check(state, event)


def test_an_award_is_issued_then_signed_and_both_are_in_its_history(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    assert history(award) == [AuditAction.ISSUED, AuditAction.SIGNED]
    assert lifecycle.state_of(award) == State.SIGNED


def test_showing_evidence_signs_again_and_says_so(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    services.set_privacy(award, by=earner, is_public=True, include_evidence=True)

    assert last_entry(award) == (
        AuditAction.PRIVACY,
        earner,
        "page public, evidence shown; signed again",
    )


def test_a_revoked_award_cannot_be_revoked_by_the_door_again(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    services.revoke(award, by=issuer_admin, reason="Plagiarised")
    current = Award.objects.get(pk=award.pk)

    with pytest.raises(lifecycle.IllegalMove):
        lifecycle.revoke(current, by=issuer_admin, reason="Again")
    assert history(award)[-1] == AuditAction.REVOKED
    assert history(award).count(AuditAction.REVOKED) == 1


def test_an_award_revoked_before_signing_is_signed_and_stays_revoked(
    earner, issuer, issuer_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # the signing task is not run
        submission = met_submission(
            earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer
        )
    award = Award.objects.get(submission=submission)
    assert award.signed_at is None
    services.revoke(award, by=issuer_admin, reason="Entered by mistake")

    batch_signing.sign_pending()

    award.refresh_from_db()

    assert award.signed_at is not None
    assert award.revoked_at is not None
    assert lifecycle.state_of(award) == State.REVOKED
    assert AuditAction.SIGNED in history(award)


def test_hiding_evidence_without_signing_again_is_audited(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    services.set_privacy(award, by=earner, is_public=True, include_evidence=True)
    award.refresh_from_db()
    signed_before = (award.credential_json, award.signed_at)

    hidden = lifecycle.hide_evidence(
        Award.objects.filter(pk=award.pk), by=earner, reason="evidence hidden: account deleted"
    )

    award.refresh_from_db()
    assert hidden == 1
    assert not award.include_evidence
    assert (award.credential_json, award.signed_at) == signed_before
    assert CredentialAudit.objects.filter(award=award).last().reason == (
        "evidence hidden: account deleted"
    )


def test_making_a_page_private_changes_no_signature_and_is_audited(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    signed_before = (award.credential_json, award.signed_at)

    services.set_privacy(award, by=earner, is_public=False, include_evidence=False)

    award.refresh_from_db()
    assert not award.is_public
    assert (award.credential_json, award.signed_at) == signed_before
    assert last_entry(award) == (AuditAction.PRIVACY, earner, "page private, evidence hidden")


def test_saving_what_an_award_shows_unchanged_writes_nothing(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    before = history(award)

    services.set_privacy(
        award, by=earner, is_public=award.is_public, include_evidence=award.include_evidence
    )

    assert history(award) == before


def test_issuing_no_rows_at_once_issues_and_records_nothing():
    lifecycle.issue_rows([])

    assert not Award.objects.exists()
    assert not CredentialAudit.objects.exists()
