"""An issuer's assessor pool: inviting, what each member assesses, capacity, pausing and
removing. Each change is audited, bad input is refused with a reason, nothing half-done."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from microcred import permissions
from microcred.accounts import services as accounts
from microcred.accounts.models import Invitation, Membership, MembershipChange, Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.assessment import pools
from microcred.assessment.models import (
    Assignment,
    AssignmentStatus,
    PoolChange,
    PoolMember,
    Qualification,
)
from microcred.assessment.services import assign, reviews
from microcred.catalog.tests.factories import published_version
from microcred.people import services as people

from .factories import qualified_assessor, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def mc(issuer, issuer_admin):
    return published_version(issuer_admin, micro_credential__issuer=issuer, fee=0).micro_credential


@pytest.fixture
def second_mc(issuer, issuer_admin):
    return published_version(issuer_admin, micro_credential__issuer=issuer, fee=0).micro_credential


@pytest.fixture
def foreign_mc(other_issuer):
    admin = UserFactory(is_staff=True)
    return published_version(admin, micro_credential__issuer=other_issuer, fee=0).micro_credential


def _invite(issuer, by, mcs, email="nia@example.org", capacity=5):
    return pools.invite_assessor(
        issuer, by=by, email=email, micro_credential_ids=[m.pk for m in mcs], capacity=capacity
    )


def _member(profile, issuer):
    return PoolMember.objects.get(assessor=profile, issuer=issuer)


# --- inviting ------------------------------------------------------------------------------


def test_an_invitation_carries_the_micro_credentials_and_capacity_and_is_mailed(
    issuer, issuer_admin, mc, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(issuer, issuer_admin, [mc], email=" Nia@Example.org ", capacity="7")

    assert invitation.role == Role.ASSESSOR
    assert invitation.pool == {"micro_credentials": [mc.pk], "capacity": 7}
    assert mail.outbox[0].to == ["nia@example.org"]
    assert MembershipChange.objects.get().action == "invited"


def test_accepting_the_invitation_puts_a_new_person_in_the_pool_uncalibrated(
    issuer, issuer_admin, mc
):
    invitation = _invite(issuer, issuer_admin, [mc], capacity=7)

    user = people.sign_up(invitation, name="Nia New", password="a long enough passphrase 42")

    member = PoolMember.objects.get(assessor__user=user, issuer=issuer)
    assert member.capacity == 7
    qualification = Qualification.objects.get(assessor__user=user)
    assert (qualification.micro_credential, qualification.is_calibrated) == (mc, False)
    assert list(PoolChange.objects.order_by("pk").values_list("action", "by")) == [
        ("joined", issuer_admin.pk),
        ("added", issuer_admin.pk),
    ]


@pytest.mark.parametrize("email", ["", "not-an-address", "a@b", "x" * 300 + "@example.org"])
def test_a_malformed_address_is_refused(issuer, issuer_admin, mc, email):
    with pytest.raises(ValidationError) as caught:
        _invite(issuer, issuer_admin, [mc], email=email)
    assert "is not an e-mail address" in caught.value.message_dict["email"][0]
    assert not Invitation.objects.exists()


def test_someone_already_in_the_pool_is_not_invited_again(issuer, issuer_admin, mc):
    profile = qualified_assessor(mc)

    with pytest.raises(ValidationError) as caught:
        _invite(issuer, issuer_admin, [mc], email=profile.user.email.upper())

    assert "already in the pool" in caught.value.message_dict["email"][0]
    assert not Invitation.objects.exists()


def test_an_assessor_of_the_issuer_outside_the_pool_joins_at_once_and_is_told(
    issuer, issuer_admin, mc, assessor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = _invite(issuer, issuer_admin, [mc], email=assessor.email)

    assert result is None
    assert not Invitation.objects.exists()
    assert PoolMember.objects.get(assessor__user=assessor).capacity == 5
    assert "assessor pool" in mail.outbox[0].subject


def test_a_micro_credential_of_another_issuer_is_refused(issuer, issuer_admin, mc, foreign_mc):
    with pytest.raises(ValidationError) as caught:
        _invite(issuer, issuer_admin, [mc, foreign_mc])
    assert "own micro-credentials" in caught.value.message_dict["micro_credentials"][0]
    assert not Invitation.objects.exists()


def test_an_invitation_with_no_micro_credential_is_refused(issuer, issuer_admin):
    with pytest.raises(ValidationError) as caught:
        _invite(issuer, issuer_admin, [])
    assert "at least one" in caught.value.message_dict["micro_credentials"][0]


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        (0, "at least 1"),
        (-3, "at least 1"),
        ("-3", "at least 1"),
        (10_000, "at most 100"),
        ("99999999999999999999", "at most 100"),
        ("five", "whole number"),
        ("", "whole number"),
        ("2.5", "whole number"),
        (None, "whole number"),
    ],
)
def test_a_capacity_that_is_not_a_sensible_number_is_refused(
    issuer, issuer_admin, mc, capacity, message
):
    with pytest.raises(ValidationError) as caught:
        _invite(issuer, issuer_admin, [mc], capacity=capacity)
    assert message in caught.value.message_dict["capacity"][0]
    assert not Invitation.objects.exists()


def test_every_mistake_of_an_invitation_is_said_at_once(issuer, issuer_admin, foreign_mc):
    with pytest.raises(ValidationError) as caught:
        _invite(issuer, issuer_admin, [foreign_mc], email="nope", capacity=0)
    assert set(caught.value.message_dict) == {"email", "micro_credentials", "capacity"}


def test_only_the_issuers_admins_invite(issuer, mc, assessor, outsider, org_admin):
    for user in (assessor, outsider):
        with pytest.raises(PermissionDenied):
            _invite(issuer, user, [mc])
    assert _invite(issuer, org_admin, [mc]) is not None


def test_an_invitation_is_resent_and_revoked_from_the_pool(issuer, issuer_admin, mc):
    invitation = _invite(issuer, issuer_admin, [mc])
    old_nonce = invitation.nonce

    pools.resend_invitation(issuer, invitation, by=issuer_admin)
    invitation.refresh_from_db()
    assert invitation.nonce != old_nonce
    pools.revoke_invitation(issuer, invitation, by=issuer_admin)

    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    with pytest.raises(pools.PoolProblem, match="already revoked"):
        pools.revoke_invitation(issuer, invitation, by=issuer_admin)


def test_another_issuers_invitation_is_not_touched_from_this_pool(
    issuer, other_issuer, issuer_admin
):
    staff = UserFactory(is_staff=True)
    elsewhere = accounts.invite(other_issuer, by=staff, email="x@example.org", role=Role.ASSESSOR)
    with pytest.raises(pools.PoolProblem, match="not one to this pool"):
        pools.revoke_invitation(issuer, elsewhere, by=issuer_admin)
    elsewhere.refresh_from_db()
    assert elsewhere.revoked_at is None


# --- members -------------------------------------------------------------------------------


def test_micro_credentials_are_added_and_taken_off_with_history_kept(
    issuer, issuer_admin, mc, second_mc
):
    profile = qualified_assessor(mc)
    member = _member(profile, issuer)

    pools.set_micro_credentials(member, by=issuer_admin, micro_credential_ids=[second_mc.pk])

    held = Qualification.objects.filter(assessor=profile)
    assert {(q.micro_credential_id, q.withdrawn_at is None) for q in held} == {
        (mc.pk, False),
        (second_mc.pk, True),
    }
    assert not permissions.can_calibrate(profile.user, mc)
    assert set(PoolChange.objects.values_list("action", flat=True)) == {"added", "taken_off"}


def test_put_back_on_a_micro_credential_an_assessor_keeps_their_calibration(
    issuer, issuer_admin, mc, second_mc
):
    profile = qualified_assessor(mc)
    member = _member(profile, issuer)
    pools.set_micro_credentials(member, by=issuer_admin, micro_credential_ids=[second_mc.pk])

    pools.set_micro_credentials(member, by=issuer_admin, micro_credential_ids=[mc.pk, second_mc.pk])

    assert Qualification.objects.get(assessor=profile, micro_credential=mc).is_calibrated


def test_taking_a_micro_credential_off_withdraws_its_offers_and_keeps_accepted_reviews(
    issuer, issuer_admin, mc, second_mc
):
    pool = [qualified_assessor(mc) for _ in range(3)]
    one = submitted(_enrolled(mc))
    assign.sweep()
    offered = Assignment.objects.filter(submission=one).order_by("pk")
    accepted, still_offered = offered[0], offered[1]
    reviews.accept(accepted, by=accepted.assessor.user)
    for assignment in (accepted, still_offered):
        Qualification.objects.get_or_create(
            assessor=assignment.assessor, micro_credential=second_mc, is_calibrated=True
        )
        pools.set_micro_credentials(
            _member(assignment.assessor, issuer),
            by=issuer_admin,
            micro_credential_ids=[second_mc.pk],
        )

    accepted.refresh_from_db()
    still_offered.refresh_from_db()
    assert accepted.status == AssignmentStatus.ACCEPTED
    assert still_offered.status == AssignmentStatus.REASSIGNED
    assert len(pool) == 3


def _enrolled(mc):
    from microcred.backpack.models import Enrollment

    mc.refresh_from_db()
    return Enrollment.objects.create(
        earner=UserFactory(), micro_credential=mc, version_id=mc.current_version_id
    )


def test_no_micro_credential_left_is_refused_in_favour_of_removing(issuer, issuer_admin, mc):
    member = _member(qualified_assessor(mc), issuer)
    with pytest.raises(ValidationError, match="at least one"):
        pools.set_micro_credentials(member, by=issuer_admin, micro_credential_ids=[])
    assert Qualification.objects.get().withdrawn_at is None


def test_a_micro_credential_of_another_issuer_is_not_given_to_a_member(
    issuer, issuer_admin, mc, foreign_mc
):
    member = _member(qualified_assessor(mc), issuer)
    with pytest.raises(ValidationError, match="own micro-credentials"):
        pools.set_micro_credentials(
            member, by=issuer_admin, micro_credential_ids=[mc.pk, foreign_mc.pk]
        )
    assert Qualification.objects.count() == 1


def test_capacity_changes_are_audited_with_old_and_new(issuer, issuer_admin, mc):
    member = _member(qualified_assessor(mc, capacity=10), issuer)

    pools.set_capacity(member, by=issuer_admin, capacity=4)

    assert PoolMember.objects.get(pk=member.pk).capacity == 4
    change = PoolChange.objects.get()
    assert (change.action, change.detail, change.by) == ("capacity", "10 → 4", issuer_admin)


@pytest.mark.parametrize("capacity", [0, -1, 101])
def test_a_capacity_out_of_range_changes_nothing(issuer, issuer_admin, mc, capacity):
    member = _member(qualified_assessor(mc, capacity=10), issuer)
    with pytest.raises(ValidationError):
        pools.set_capacity(member, by=issuer_admin, capacity=capacity)
    assert PoolMember.objects.get(pk=member.pk).capacity == 10
    assert not PoolChange.objects.exists()


def test_a_paused_member_gets_no_new_reviews_from_this_issuer_only(
    issuer, other_issuer, issuer_admin, mc, foreign_mc
):
    profile = qualified_assessor(mc)
    PoolMember.objects.create(assessor=profile, issuer=other_issuer)
    Qualification.objects.create(assessor=profile, micro_credential=foreign_mc, is_calibrated=True)
    pools.pause(_member(profile, issuer), by=issuer_admin)
    here, there = submitted(_enrolled(mc)), submitted(_enrolled(foreign_mc))

    assign.sweep()

    assert not Assignment.objects.filter(submission=here).exists()
    assert Assignment.objects.filter(submission=there, assessor=profile).exists()
    with pytest.raises(pools.PoolProblem, match="already paused"):
        pools.pause(_member(profile, issuer), by=issuer_admin)
    pools.resume(_member(profile, issuer), by=issuer_admin)
    assign.sweep()
    assert Assignment.objects.filter(submission=here, assessor=profile).exists()


def test_capacity_counts_each_issuers_work_apart(
    issuer, other_issuer, issuer_admin, mc, foreign_mc
):
    profile = qualified_assessor(mc, capacity=1)
    PoolMember.objects.create(assessor=profile, issuer=other_issuer, capacity=1)
    Qualification.objects.create(assessor=profile, micro_credential=foreign_mc, is_calibrated=True)
    submitted(_enrolled(mc))
    submitted(_enrolled(foreign_mc))

    assign.sweep()

    assert Assignment.objects.filter(assessor=profile).count() == 2


def test_removing_a_member_hands_on_offers_keeps_accepted_reviews_and_ends_the_role(
    issuer, issuer_admin, mc, django_capture_on_commit_callbacks
):
    pool = [qualified_assessor(mc) for _ in range(3)]
    first, second = submitted(_enrolled(mc)), submitted(_enrolled(mc))
    assign.sweep()
    leaving = Assignment.objects.filter(submission=first).first().assessor
    accepted = Assignment.objects.get(submission=first, assessor=leaving)
    reviews.accept(accepted, by=leaving.user)
    offered = Assignment.objects.get(submission=second, assessor=leaving)

    with django_capture_on_commit_callbacks(execute=True):
        removal = pools.remove_from_pool(_member(leaving, issuer), by=issuer_admin)

    assert (removal.offers_withdrawn, removal.reviews_kept) == (1, 1)
    accepted.refresh_from_db()
    offered.refresh_from_db()
    assert accepted.status == AssignmentStatus.ACCEPTED
    assert offered.status == AssignmentStatus.REASSIGNED
    # The sweep ran on commit: the second submission has its reviewers again, from the rest.
    live = Assignment.objects.filter(submission=second, status__in=["offered", "accepted"])
    assert leaving not in {a.assessor for a in live}
    assert live.count() == 2
    assert not Membership.objects.get(user=leaving.user, role=Role.ASSESSOR).is_active
    assert MembershipChange.objects.get(action="revoked").actor == issuer_admin
    assert PoolChange.objects.get(action="removed").detail.startswith("1 offer withdrawn")
    assert not permissions.can_calibrate(leaving.user, mc)
    assert len(pool) == 3


def test_removing_a_member_may_hand_on_accepted_reviews_too(issuer, issuer_admin, mc):
    for _ in range(3):
        qualified_assessor(mc)
    submission = submitted(_enrolled(mc))
    assign.sweep()
    accepted = Assignment.objects.filter(submission=submission).first()
    reviews.accept(accepted, by=accepted.assessor.user)

    removal = pools.remove_from_pool(
        _member(accepted.assessor, issuer), by=issuer_admin, hand_on_accepted=True
    )

    accepted.refresh_from_db()
    assert accepted.status == AssignmentStatus.REASSIGNED
    assert removal.reviews_handed_on == 1


def test_removing_someone_not_in_the_pool_is_refused(issuer, issuer_admin, mc):
    member = _member(qualified_assessor(mc), issuer)
    pools.remove_from_pool(member, by=issuer_admin)

    with pytest.raises(pools.PoolProblem, match="is not in the pool"):
        pools.remove_from_pool(member, by=issuer_admin)
    assert PoolChange.objects.filter(action="removed").count() == 1


def test_someone_removed_comes_back_through_a_new_invitation(issuer, issuer_admin, mc):
    profile = qualified_assessor(mc)
    pools.remove_from_pool(_member(profile, issuer), by=issuer_admin)

    invitation = _invite(issuer, issuer_admin, [mc], email=profile.user.email)
    people.accept(invitation, user=profile.user)

    member = _member(profile, issuer)
    assert member.removed_at is None
    assert Qualification.objects.get(assessor=profile).withdrawn_at is None


def test_only_the_issuers_admins_change_a_member(issuer, mc, assessor, outsider, other_issuer):
    member = _member(qualified_assessor(mc), issuer)
    other_admin = UserFactory()
    MembershipFactory(user=other_admin, organization=other_issuer, role=Role.ISSUER_ADMIN)
    for user in (assessor, outsider, other_admin):
        for change in (
            lambda u: pools.set_capacity(member, by=u, capacity=3),
            lambda u: pools.pause(member, by=u),
            lambda u: pools.remove_from_pool(member, by=u),
            lambda u: pools.set_micro_credentials(member, by=u, micro_credential_ids=[mc.pk]),
        ):
            with pytest.raises(PermissionDenied):
                change(user)
    assert not PoolChange.objects.exists()


def test_the_pool_audit_is_append_only(issuer, issuer_admin, mc):
    pools.set_capacity(_member(qualified_assessor(mc), issuer), by=issuer_admin, capacity=3)
    change = PoolChange.objects.get()
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()
