"""The issuer's pool pages: plain forms that say what is wrong, refuse outsiders with 403,
and never half-do a change."""

import pytest
from django.urls import reverse

from microcred.accounts.models import Invitation
from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment, PoolChange, PoolMember
from microcred.assessment.services import assign, reviews
from microcred.backpack.models import Enrollment
from microcred.catalog.tests.factories import published_version

from .factories import qualified_assessor, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def mc(issuer, issuer_admin):
    return published_version(issuer_admin, micro_credential__issuer=issuer, fee=0).micro_credential


@pytest.fixture
def foreign_mc(other_issuer):
    staff = UserFactory(is_staff=True)
    return published_version(staff, micro_credential__issuer=other_issuer, fee=0).micro_credential


def _pool(issuer):
    return reverse("assessment:pool", args=[issuer.slug])


def _invite(client, issuer, **data):
    return client.post(reverse("assessment:pool_invite", args=[issuer.slug]), data)


def test_the_pool_page_lists_members_their_calibration_and_open_work(
    client, issuer, issuer_admin, mc
):
    members = [qualified_assessor(mc, name=f"Member {n}") for n in range(3)]
    submitted(Enrollment.objects.create(earner=UserFactory(), micro_credential=mc, version=_v(mc)))
    assign.sweep()
    client.force_login(issuer_admin)

    page = client.get(_pool(issuer)).content.decode()

    for profile in members:
        assert profile.user.name in page
    assert "calibrated" in page
    assert page.count("1 offered, 0 accepted") == 2
    assert "3 of 3 needed" in page


def _v(mc):
    mc.refresh_from_db()
    return mc.current_version


def test_an_invitation_is_sent_from_the_pool_page(
    client, issuer, issuer_admin, mc, django_capture_on_commit_callbacks
):
    client.force_login(issuer_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client, issuer, email="nia@example.org", capacity="4", micro_credentials=[mc.pk]
        )

    assert response.status_code == 302
    page = client.get(_pool(issuer)).content.decode()
    assert "nia@example.org" in page
    assert "Waiting; link works until" in page
    assert Invitation.objects.get().pool == {"micro_credentials": [mc.pk], "capacity": 4}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "nia@", "capacity": "4"}, "is not an e-mail address"),
        ({"email": "nia@example.org", "capacity": "0"}, "at least 1"),
        ({"email": "nia@example.org", "capacity": "-2"}, "at least 1"),
        ({"email": "nia@example.org", "capacity": "100000"}, "at most 100"),
        ({"email": "nia@example.org", "capacity": "ten"}, "whole number"),
    ],
)
def test_a_bad_invitation_is_answered_on_the_page_with_what_was_typed(
    client, issuer, issuer_admin, mc, data, message
):
    client.force_login(issuer_admin)

    response = _invite(client, issuer, micro_credentials=[mc.pk], **data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert f'value="{data["email"]}"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_micro_credential_of_another_issuer_cannot_be_slipped_into_an_invitation(
    client, issuer, issuer_admin, mc, foreign_mc
):
    client.force_login(issuer_admin)

    response = _invite(
        client, issuer, email="nia@example.org", capacity="4", micro_credentials=[foreign_mc.pk]
    )

    assert response.status_code == 400
    assert "own micro-credentials" in response.content.decode()


def test_inviting_someone_already_in_the_pool_says_so(client, issuer, issuer_admin, mc):
    profile = qualified_assessor(mc)
    client.force_login(issuer_admin)

    response = _invite(
        client, issuer, email=profile.user.email, capacity="4", micro_credentials=[mc.pk]
    )

    assert response.status_code == 400
    assert "already in the pool" in response.content.decode()


def test_an_invitation_is_resent_and_revoked_from_the_page(client, issuer, issuer_admin, mc):
    client.force_login(issuer_admin)
    _invite(client, issuer, email="nia@example.org", capacity="4", micro_credentials=[mc.pk])
    invitation = Invitation.objects.get()

    resent = client.post(
        reverse("assessment:pool_invitation_resend", args=[issuer.slug, invitation.pk]),
        follow=True,
    )
    revoked = client.post(
        reverse("assessment:pool_invitation_revoke", args=[issuer.slug, invitation.pk]),
        follow=True,
    )
    again = client.post(
        reverse("assessment:pool_invitation_revoke", args=[issuer.slug, invitation.pk]),
        follow=True,
    )

    assert "Sent again" in resent.text
    assert "is revoked" in revoked.text
    assert "already revoked" in again.text
    assert "No invitations waiting." in again.text


def test_a_member_page_changes_capacity_what_they_assess_and_pauses(
    client, issuer, issuer_admin, mc
):
    member = PoolMember.objects.get(assessor=qualified_assessor(mc, name="Pat Pool"))
    url = reverse("assessment:pool_member", args=[issuer.slug, member.pk])
    client.force_login(issuer_admin)

    client.post(url, {"action": "capacity", "capacity": "3"})
    paused = client.post(url, {"action": "pause", "reason": "On leave"}, follow=True)

    member.refresh_from_db()
    assert member.capacity == 3
    assert member.paused_at is not None
    assert "paused since" in paused.text
    assert "On leave" in paused.text  # the history shows why


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "capacity", "capacity": "0"}, "at least 1"),
        ({"action": "capacity", "capacity": "lots"}, "whole number"),
        ({"action": "micro_credentials"}, "at least one"),
    ],
)
def test_a_bad_member_change_is_refused_on_the_page(
    client, issuer, issuer_admin, mc, data, message
):
    member = PoolMember.objects.get(assessor=qualified_assessor(mc, capacity=6))
    client.force_login(issuer_admin)

    response = client.post(reverse("assessment:pool_member", args=[issuer.slug, member.pk]), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    member.refresh_from_db()
    assert member.capacity == 6
    assert not PoolChange.objects.exists()


def test_removal_says_what_happens_to_open_work_before_confirming(client, issuer, issuer_admin, mc):
    pool = [qualified_assessor(mc) for _ in range(3)]
    submitted(Enrollment.objects.create(earner=UserFactory(), micro_credential=mc, version=_v(mc)))
    assign.sweep()
    assignment = Assignment.objects.first()
    reviews.accept(assignment, by=assignment.assessor.user)
    member = PoolMember.objects.get(assessor=assignment.assessor)
    url = reverse("assessment:pool_member_remove", args=[issuer.slug, member.pk])
    client.force_login(issuer_admin)

    confirm = client.get(url).content.decode()
    done = client.post(url, {"accepted": "keep"}, follow=True)

    assert "withdrawn and offered to" in confirm
    assert "Let them finish" in confirm
    assert "is no longer in the pool" in done.text
    member.refresh_from_db()
    assert member.removed_at is not None
    assert len(pool) == 3


def test_someone_not_in_the_pool_has_no_member_page(client, issuer, issuer_admin, mc, other_issuer):
    member = PoolMember.objects.get(assessor=qualified_assessor(mc))
    elsewhere = PoolMember.objects.create(assessor=member.assessor, issuer=other_issuer)
    client.force_login(issuer_admin)
    client.post(reverse("assessment:pool_member_remove", args=[issuer.slug, member.pk]))

    for pk in (member.pk, elsewhere.pk, 999_999):
        for name in ("assessment:pool_member", "assessment:pool_member_remove"):
            assert client.get(reverse(name, args=[issuer.slug, pk])).status_code == 404
            assert client.post(reverse(name, args=[issuer.slug, pk])).status_code == 404


def test_people_without_the_right_get_403_and_change_nothing(
    client, issuer, mc, assessor, outsider
):
    member = PoolMember.objects.get(assessor=qualified_assessor(mc))
    for user in (assessor, outsider):
        client.force_login(user)
        assert client.get(_pool(issuer)).status_code == 403
        assert (
            _invite(
                client, issuer, email="x@example.org", capacity="3", micro_credentials=[mc.pk]
            ).status_code
            == 403
        )
        url = reverse("assessment:pool_member_remove", args=[issuer.slug, member.pk])
        assert client.post(url).status_code == 403
    member.refresh_from_db()
    assert member.removed_at is None
    assert not Invitation.objects.exists()


def test_the_anchors_page_links_to_the_pool_and_warns_when_short(client, issuer, issuer_admin, mc):
    client.force_login(issuer_admin)

    page = client.get(reverse("assessment:anchors", args=[mc.pk])).content.decode()

    assert "Review cannot start: 0 of the 3 calibrated assessors it needs." in page
    assert _pool(issuer) in page
