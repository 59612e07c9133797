"""The page an invitation's link opens: sign up, or sign in and accept."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from microcred import permissions
from microcred.accounts import invitation_links
from microcred.accounts import services as accounts
from microcred.accounts.models import Role
from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Qualification
from microcred.catalog.tests.factories import MicroCredentialFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"


def _link(invitation):
    return invitation_links.invitation_path(invitation)


def test_a_new_person_signs_up_and_joins_the_pool(client, issuer, org_admin):
    micro_credential = MicroCredentialFactory(issuer=issuer)
    invitation = accounts.invite(
        issuer,
        by=org_admin,
        email="nia@example.org",
        role=Role.ASSESSOR,
        pool={"micro_credentials": [micro_credential.pk], "capacity": 4},
    )

    page = client.get(_link(invitation))
    assert b"Make your account" in page.content
    response = client.post(
        _link(invitation), {"name": "Nia New", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 302
    qualification = Qualification.objects.get(micro_credential=micro_credential)
    assert qualification.assessor.user.email == "nia@example.org"
    assert qualification.assessor.capacity == 4
    assert not qualification.is_calibrated
    assert client.get(response["Location"]).wsgi_request.user.email == "nia@example.org"


def test_an_existing_account_is_asked_to_sign_in_first(client, issuer, org_admin):
    UserFactory(email="nia@example.org")
    invitation = accounts.invite(issuer, by=org_admin, email="nia@example.org", role=Role.ASSESSOR)
    page = client.get(_link(invitation))
    assert b"Sign in to accept" in page.content
    refused = client.post(
        _link(invitation), {"name": "X", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert b"Sign in as nia@example.org first" in refused.content


def test_the_signed_in_person_accepts(client, issuer, org_admin):
    person = UserFactory(email="nia@example.org")
    invitation = accounts.invite(
        issuer, by=org_admin, email="nia@example.org", role=Role.FACILITATOR
    )
    client.force_login(person)
    response = client.post(_link(invitation))
    assert response.status_code == 302
    assert permissions.has_role(person, issuer, Role.FACILITATOR)


def test_someone_else_signed_in_is_told_whose_invitation_it_is(client, issuer, org_admin, outsider):
    invitation = accounts.invite(issuer, by=org_admin, email="nia@example.org", role=Role.ASSESSOR)
    client.force_login(outsider)
    response = client.post(_link(invitation))
    assert response.status_code == 200
    assert b"This invitation is for nia@example.org" in response.content
    assert not permissions.has_role(outsider, issuer, Role.ASSESSOR)


def test_mismatched_passwords_keep_the_invitation_open(client, issuer, org_admin):
    invitation = accounts.invite(issuer, by=org_admin, email="nia@example.org", role=Role.ASSESSOR)
    response = client.post(
        _link(invitation), {"name": "Nia", "password1": PASSWORD, "password2": "other words"}
    )
    assert response.status_code == 400
    assert b"The two passwords differ" in response.content
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_an_expired_link_says_so(client, issuer, org_admin):
    invitation = accounts.invite(issuer, by=org_admin, email="nia@example.org", role=Role.ASSESSOR)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client.get(_link(invitation))
    assert response.status_code == 410
    assert b"expired" in response.content


def test_a_used_link_says_so(client, issuer, org_admin):
    invitation = accounts.invite(issuer, by=org_admin, email="nia@example.org", role=Role.ASSESSOR)
    client.post(_link(invitation), {"name": "Nia", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    response = client.get(_link(invitation))
    assert response.status_code == 410
    assert b"already been used" in response.content


def test_a_broken_link_is_not_found(client):
    response = client.get("/invitations/not-a-token/")
    assert response.status_code == 404
    assert b"not a working invitation" in response.content
