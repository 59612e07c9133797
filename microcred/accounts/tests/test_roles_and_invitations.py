"""Invitations to a role, grants and revocations: each one audited, none half-done."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from microcred import permissions
from microcred.accounts import invitation_links, services
from microcred.accounts.models import Invitation, Membership, MembershipChange, Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _invite(org, by, email="new.assessor@example.org", role=Role.ASSESSOR, **kwargs):
    return services.invite(org, by=by, email=email, role=role, **kwargs)


def test_an_invitation_is_mailed_with_a_link_and_audited(
    issuer, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(issuer, org_admin, email="  New.Assessor@Example.org ")

    assert invitation.email == "new.assessor@example.org"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.assessor@example.org"]
    assert invitation_links.invitation_path(invitation) in mail.outbox[0].body
    change = MembershipChange.objects.get()
    assert (change.action, change.actor, change.email) == ("invited", org_admin, invitation.email)


@pytest.mark.parametrize("email", ["", "not-an-address", "a@b", "x" * 300 + "@example.org"])
def test_a_malformed_address_is_refused(issuer, org_admin, email):
    with pytest.raises(services.MembershipProblem, match="is not an e-mail address"):
        _invite(issuer, org_admin, email=email)
    assert not Invitation.objects.exists()
    assert not MembershipChange.objects.exists()


def test_someone_who_already_holds_the_role_is_not_invited(issuer, org_admin, assessor):
    with pytest.raises(services.MembershipProblem, match="already assessor"):
        _invite(issuer, org_admin, email=assessor.email.upper())


def test_a_waiting_invitation_is_not_made_twice(issuer, org_admin):
    _invite(issuer, org_admin)
    with pytest.raises(services.MembershipProblem, match="Send that invitation again"):
        _invite(issuer, org_admin)
    assert Invitation.objects.count() == 1


def test_an_expired_invitation_is_replaced_by_a_new_one(issuer, org_admin):
    first = _invite(issuer, org_admin)
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        second = _invite(issuer, org_admin)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.status == "pending"


def test_nobody_invites_themself(issuer, org_admin):
    with pytest.raises(services.MembershipProblem, match="cannot invite yourself"):
        _invite(issuer, org_admin, email=org_admin.email, role=Role.ASSESSOR)


def test_an_issuer_admin_invites_assessors_but_not_admins(issuer, issuer_admin):
    _invite(issuer, issuer_admin, role=Role.ASSESSOR)
    with pytest.raises(PermissionDenied):
        _invite(issuer, issuer_admin, email="boss@example.org", role=Role.ORG_ADMIN)


def test_outsiders_and_assessors_invite_nobody(issuer, outsider, assessor):
    for person in (outsider, assessor):
        with pytest.raises(PermissionDenied):
            _invite(issuer, person)


def test_a_role_the_organization_does_not_have_is_refused(district):
    admin = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user
    with pytest.raises(PermissionDenied):
        _invite(district, admin, role=Role.ASSESSOR)


def test_the_invited_person_accepts_and_holds_the_role(issuer, org_admin):
    invitation = _invite(issuer, org_admin)
    person = UserFactory(email="new.assessor@example.org")

    services.accept_invitation(invitation, user=person)

    assert permissions.has_role(person, issuer, Role.ASSESSOR)
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert MembershipChange.objects.filter(action="accepted", subject=person).exists()


def test_a_link_works_once(issuer, org_admin):
    invitation = _invite(issuer, org_admin)
    person = UserFactory(email="new.assessor@example.org")
    services.accept_invitation(invitation, user=person)
    with pytest.raises(services.MembershipProblem, match="already been used"):
        services.accept_invitation(invitation, user=person)


def test_someone_else_cannot_accept_an_invitation(issuer, org_admin, outsider):
    invitation = _invite(issuer, org_admin)
    with pytest.raises(services.MembershipProblem, match="is for new.assessor@example.org"):
        services.accept_invitation(invitation, user=outsider)
    assert not permissions.has_role(outsider, issuer, Role.ASSESSOR)


def test_an_expired_invitation_cannot_be_accepted(issuer, org_admin):
    invitation = _invite(issuer, org_admin)
    person = UserFactory(email="new.assessor@example.org")
    with (
        time_machine.travel(timezone.now() + timedelta(days=15)),
        pytest.raises(services.MembershipProblem, match="expired"),
    ):
        services.accept_invitation(invitation, user=person)


def test_a_revoked_invitation_cannot_be_accepted_nor_revoked_again(issuer, org_admin):
    invitation = _invite(issuer, org_admin)
    services.revoke_invitation(invitation, by=org_admin)
    person = UserFactory(email="new.assessor@example.org")
    with pytest.raises(services.MembershipProblem, match="withdrew"):
        services.accept_invitation(invitation, user=person)
    with pytest.raises(services.MembershipProblem, match="already revoked"):
        services.revoke_invitation(invitation, by=org_admin)


def test_resending_replaces_the_link_and_extends_the_expiry(
    issuer, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(issuer, org_admin)
    old_token = invitation_links.invitation_token(invitation)
    with (
        time_machine.travel(timezone.now() + timedelta(days=20)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.resend_invitation(invitation, by=org_admin)
        invitation.refresh_from_db()
        assert invitation.status == "pending"

    assert invitation_links.find_invitation(old_token) is None
    new_token = invitation_links.invitation_token(invitation)
    assert invitation_links.find_invitation(new_token) == invitation
    assert len(mail.outbox) == 2
    assert invitation_links.invitation_path(invitation) in mail.outbox[1].body


def test_a_tampered_link_finds_nothing(issuer, org_admin):
    token = invitation_links.invitation_token(_invite(issuer, org_admin))
    assert invitation_links.find_invitation(token[:-2] + "xx") is None
    assert invitation_links.find_invitation("nonsense") is None


def test_sending_twice_mails_once(issuer, org_admin, django_capture_on_commit_callbacks):
    from microcred.accounts.tasks import send_invitations

    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(issuer, org_admin)
    send_invitations.call([invitation.pk])
    assert len(mail.outbox) == 1


def test_signing_up_from_an_invitation_makes_a_verified_account(issuer, org_admin):
    invitation = _invite(issuer, org_admin)
    user = services.sign_up_from_invitation(
        invitation, name="Nia New", password="a long enough passphrase"
    )
    assert user.email == "new.assessor@example.org"
    assert user.emailaddress_set.get().verified
    assert permissions.has_role(user, issuer, Role.ASSESSOR)


def test_a_weak_password_makes_no_account(issuer, org_admin):
    invitation = _invite(issuer, org_admin)
    with pytest.raises(ValidationError):
        services.sign_up_from_invitation(invitation, name="Nia New", password="123")
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not Membership.objects.filter(role=Role.ASSESSOR).exists()


def test_granting_and_revoking_are_audited(issuer, org_admin, outsider):
    services.grant_role(issuer, outsider, Role.FACILITATOR, by=org_admin)
    services.revoke_role(issuer, outsider, Role.FACILITATOR, by=org_admin, reason="moved on")

    assert not permissions.has_role(outsider, issuer, Role.FACILITATOR)
    actions = list(
        MembershipChange.objects.order_by("at", "id").values_list("action", "actor", "subject")
    )
    assert actions == [
        ("granted", org_admin.pk, outsider.pk),
        ("revoked", org_admin.pk, outsider.pk),
    ]


def test_nobody_grants_a_role_to_themself(issuer, org_admin):
    with pytest.raises(services.MembershipProblem, match="your own roles"):
        services.grant_role(issuer, org_admin, Role.ASSESSOR, by=org_admin)
    assert not MembershipChange.objects.exists()


def test_the_last_admin_cannot_be_removed(issuer, org_admin):
    with pytest.raises(services.MembershipProblem, match="last admin"):
        services.revoke_role(issuer, org_admin, Role.ORG_ADMIN, by=org_admin)
    assert permissions.has_role(org_admin, issuer, Role.ORG_ADMIN)


def test_an_admin_goes_when_another_stays(issuer, org_admin):
    second = MembershipFactory(organization=issuer, role=Role.ORG_ADMIN).user
    services.revoke_role(issuer, org_admin, Role.ORG_ADMIN, by=second)
    assert not Membership.objects.get(user=org_admin, role=Role.ORG_ADMIN).is_active


def test_revoking_a_role_nobody_holds_says_so(issuer, org_admin, outsider):
    with pytest.raises(services.MembershipProblem, match="is not assessor"):
        services.revoke_role(issuer, outsider, Role.ASSESSOR, by=org_admin)


def test_the_audit_is_append_only(issuer, org_admin, outsider):
    services.grant_role(issuer, outsider, Role.ASSESSOR, by=org_admin)
    change = MembershipChange.objects.get()
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()


def test_district_roles_have_district_names(district):
    admin = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user
    invitation = _invite(district, admin, role=Role.EARNER)
    assert invitation.role_name == "Educator"
