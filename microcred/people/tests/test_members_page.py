"""An organization's members page: its admins see everyone's roles, give and take roles,
invite by e-mail, answer invitations, and read the history, without the Django admin."""

import pytest
from django.core import mail
from django.urls import reverse

from microcred.accounts import services as accounts
from microcred.accounts.models import Invitation, Membership, MembershipChange, Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.assessment.models import PoolChange, PoolMember
from microcred.assessment.tests.factories import qualified_assessor
from microcred.catalog.tests.factories import MicroCredentialFactory
from microcred.people import selectors

pytestmark = pytest.mark.django_db


def _members(organization):
    return reverse("people:members", args=[organization.slug])


@pytest.fixture
def district_admin(district):
    return MembershipFactory(
        organization=district, role=Role.ORG_ADMIN, user__name="Dana District"
    ).user


def test_the_admin_sees_everyone_with_their_roles_named_for_the_district(
    client, district, district_admin, earner
):
    MembershipFactory(user=earner, organization=district, role=Role.FACILITATOR)
    client.force_login(district_admin)

    page = client.get(_members(district)).content.decode()

    assert "Erin Earner" in page
    assert "Educator" in page
    assert "Facilitator" in page
    assert "District admin" in page
    assert "Remove educator role from Erin Earner" in page
    assert "Remove district admin role from Dana District" not in page  # not one's own


def test_outsiders_and_members_get_403(client, district, earner, outsider):
    for person in (earner, outsider):
        client.force_login(person)
        assert client.get(_members(district)).status_code == 403
        assert client.get(reverse("people:history", args=[district.slug])).status_code == 403


def test_an_issuer_admin_manages_only_assessors_and_facilitators(
    client, issuer, issuer_admin, org_admin, assessor
):
    client.force_login(issuer_admin)
    page = client.get(_members(issuer)).content.decode()

    assert "Remove assessor role from Asha Assessor" in page
    assert "Remove organization admin role from Oren Orgadmin" not in page
    assert [value for value, _ in selectors.grantable_roles(issuer_admin, issuer)] == [
        Role.ASSESSOR,
        Role.FACILITATOR,
    ]
    refused = client.post(
        reverse("people:grant", args=[issuer.slug]),
        {"user": assessor.pk, "role": Role.ORG_ADMIN},
    )
    assert refused.status_code == 403
    assert not Membership.objects.filter(user=assessor, role=Role.ORG_ADMIN).exists()


def test_inviting_by_email_sends_and_lists_the_invitation(
    client, district, district_admin, django_capture_on_commit_callbacks
):
    client.force_login(district_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _members(district), {"email": "new@example.org", "name": "Nia", "role": Role.EARNER}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["new@example.org"]

    page = client.get(_members(district)).content.decode()
    assert "Pending invitations" in page
    assert "new@example.org" in page
    assert "Send again to new@example.org" in page


def test_a_bad_invitation_is_answered_on_the_form(client, district, district_admin, earner):
    client.force_login(district_admin)
    response = client.post(_members(district), {"email": earner.email, "role": Role.EARNER})
    assert response.status_code == 400
    assert "is already educator at Riverbend Unified" in response.content.decode()


def test_giving_a_member_another_role_is_audited(client, district, district_admin, earner):
    client.force_login(district_admin)
    client.post(
        reverse("people:grant", args=[district.slug]),
        {"user": earner.pk, "role": Role.FACILITATOR},
    )
    assert Membership.objects.filter(user=earner, role=Role.FACILITATOR, is_active=True).exists()
    change = MembershipChange.objects.get()
    assert (change.action, change.actor, change.subject) == ("granted", district_admin, earner)


def test_only_members_get_roles_from_the_page(client, district, district_admin, outsider):
    client.force_login(district_admin)
    response = client.post(
        reverse("people:grant", args=[district.slug]),
        {"user": outsider.pk, "role": Role.FACILITATOR},
        follow=True,
    )
    assert b"Only members get roles here" in response.content
    assert not Membership.objects.filter(user=outsider).exists()


@pytest.mark.parametrize("user", ["", "someone", "12abc"])
def test_a_grant_without_a_member_chosen_says_so(client, district, district_admin, user):
    client.force_login(district_admin)
    response = client.post(
        reverse("people:grant", args=[district.slug]),
        {"user": user, "role": Role.FACILITATOR},
        follow=True,
    )
    assert response.status_code == 200
    assert b"Choose a member to give the role to." in response.content
    assert not MembershipChange.objects.exists()


def test_removing_a_role_asks_first_and_keeps_the_reason(client, district, district_admin, earner):
    client.force_login(district_admin)
    url = reverse("people:revoke", args=[district.slug, earner.pk, Role.EARNER])

    confirm = client.get(url).content.decode()
    assert "will no longer be educator at Riverbend Unified" in confirm
    assert Membership.objects.get(user=earner).is_active

    client.post(url, {"reason": "Moved to another district"})
    assert not Membership.objects.get(user=earner).is_active
    change = MembershipChange.objects.get()
    assert (change.action, change.reason) == ("revoked", "Moved to another district")
    history = client.get(reverse("people:history", args=[district.slug])).content.decode()
    assert "Role revoked" in history
    assert "Moved to another district" in history


def test_the_last_admin_cannot_be_removed(client, district, district_admin):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.post(
        reverse("people:revoke", args=[district.slug, district_admin.pk, Role.ORG_ADMIN])
    )
    assert response.status_code == 409
    assert "is the last admin of Riverbend Unified" in response.content.decode()
    assert Membership.objects.get(user=district_admin).is_active


def test_invitations_are_sent_again_or_withdrawn(
    client, district, district_admin, django_capture_on_commit_callbacks
):
    invitation = accounts.invite(district, by=district_admin, email="n@example.org", role="earner")
    client.force_login(district_admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:resend_invitation", args=[district.slug, invitation.pk]))
    assert len(mail.outbox) == 1
    client.post(reverse("people:revoke_invitation", args=[district.slug, invitation.pk]))
    assert Invitation.objects.get().status == "revoked"
    again = client.post(
        reverse("people:revoke_invitation", args=[district.slug, invitation.pk]), follow=True
    )
    assert b"already revoked" in again.content
    actions = list(MembershipChange.objects.values_list("action", flat=True))
    assert actions == ["invitation_revoked", "resent", "invited"]


def test_the_history_is_newest_first_and_paginated(client, district, district_admin):
    for n in range(selectors.CHANGES_PER_PAGE + 5):
        accounts.invite(district, by=district_admin, email=f"t{n}@example.org", role="earner")
    client.force_login(district_admin)

    first = client.get(reverse("people:history", args=[district.slug])).content.decode()
    second = client.get(reverse("people:history", args=[district.slug]) + "?page=2")

    assert "Page 1 of 2" in first
    assert first.index("t54@example.org") < first.index("t53@example.org")
    assert "t0@example.org" in second.content.decode()


def test_the_members_list_is_searched_and_paged(client, district, district_admin):
    for n in range(selectors.MEMBERS_PER_PAGE + 1):
        MembershipFactory(organization=district, role=Role.EARNER, user__name=f"Teacher {n:03}")
    client.force_login(district_admin)

    found = client.get(_members(district) + "?q=teacher 050").content.decode()
    assert "Teacher 050" in found
    assert "Teacher 049" not in found
    assert "Page 1 of 2" in client.get(_members(district)).content.decode()


def test_people_who_manage_members_find_the_page_in_the_navigation(
    client, district, district_admin, earner
):
    client.force_login(district_admin)
    assert _members(district) in client.get("/").content.decode()
    client.force_login(earner)
    assert _members(district) not in client.get("/").content.decode()


def test_taking_the_assessor_role_away_takes_them_out_of_the_pool(client, issuer, org_admin):
    profile = qualified_assessor(MicroCredentialFactory(issuer=issuer))
    client.force_login(org_admin)

    client.post(
        reverse("people:revoke", args=[issuer.slug, profile.user.pk, Role.ASSESSOR]),
        {"reason": "Left the program"},
    )

    assert PoolMember.objects.get(assessor=profile).removed_at is not None
    assert PoolChange.objects.get(action="removed").by == org_admin
    change = MembershipChange.objects.get(action="revoked")
    assert (change.subject, change.reason) == (profile.user, "Left the program")


def test_an_assessor_who_leaves_from_their_profile_leaves_the_pool(client, issuer):
    profile = qualified_assessor(MicroCredentialFactory(issuer=issuer))
    client.force_login(profile.user)

    client.post(reverse("people:leave", args=[issuer.slug, Role.ASSESSOR]))

    assert PoolMember.objects.get(assessor=profile).removed_at is not None
    assert not Membership.objects.get(user=profile.user, role=Role.ASSESSOR).is_active
