"""An organization's API clients: made and revoked by its admins from its own page, each
acting through an account holding the roles it was given."""

import base64
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from oauth2_provider.models import get_access_token_model

from microcred.accounts.models import Membership, MembershipChange, Role
from microcred.api.tests.tokens import person_token
from microcred.connect import scopes, services
from microcred.connect.models import OrganizationClient
from microcred.credentials.tests.test_api import unsigned_credential
from microcred.credentials.verification import verify

pytestmark = pytest.mark.django_db


def _make(organization, by, **overrides):
    fields = {"name": "Roster sync", "roles": [Role.ISSUER_ADMIN], "scope": [scopes.AWARDS]}
    fields.update(overrides)
    return services.create_organization_client(organization, by=by, **fields)


def _token(new, scope=scopes.AWARDS):
    basic = base64.b64encode(
        f"{new.client.application.client_id}:{new.client_secret}".encode()
    ).decode()
    return Client().post(
        reverse("connect:token"),
        {"grant_type": "client_credentials", "scope": scope},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _page(organization):
    return reverse("connect:api_clients", kwargs={"slug": organization.slug})


# -- Services -----------------------------------------------------------------------------


def test_a_new_client_holds_its_roles_through_an_account_of_its_own(issuer, org_admin):
    new = _make(issuer, org_admin, roles=[Role.FACILITATOR, Role.ISSUER_ADMIN])

    account = new.client.account
    assert account.email.endswith("@clients.invalid")
    assert not account.has_usable_password()
    assert set(
        Membership.objects.filter(user=account, organization=issuer, is_active=True).values_list(
            "role", flat=True
        )
    ) == {Role.FACILITATOR, Role.ISSUER_ADMIN}
    assert MembershipChange.objects.filter(subject=account, actor=org_admin).count() == 2


def test_only_the_organizations_admins_make_clients(issuer, assessor, other_issuer, org_admin):
    with pytest.raises(PermissionDenied):
        _make(issuer, assessor)
    with pytest.raises(PermissionDenied):
        _make(other_issuer, org_admin)
    assert not OrganizationClient.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "  "}, "Give the client a name."),
        ({"name": "x" * 121}, "at most 120 characters"),
        ({"name": "Roster\x00sync"}, "without NUL characters"),
        ({"name": None}, "Give the client a name."),
        ({"roles": []}, "Choose at least one of the roles offered."),
        ({"roles": [Role.EARNER]}, "Choose at least one of the roles offered."),
        ({"roles": [Role.ASSESSOR]}, "Choose at least one of the roles offered."),
        ({"scope": []}, "Choose at least one of the areas offered."),
        ({"scope": [scopes.BACKPACK]}, "Choose at least one of the areas offered."),
        ({"scope": [scopes.CREDENTIAL_UPSERT]}, "Choose at least one of the areas offered."),
    ],
)
def test_a_client_asked_for_wrongly_is_refused_and_nothing_is_made(
    issuer, org_admin, overrides, message
):
    with pytest.raises(services.ConnectProblem, match=message):
        _make(issuer, org_admin, **overrides)
    assert not OrganizationClient.objects.exists()
    assert not MembershipChange.objects.filter(actor=org_admin).exists()


def test_an_issuer_admin_gives_a_client_only_roles_they_may_give_a_person(issuer, issuer_admin):
    assert Role.ORG_ADMIN not in services.client_roles(issuer, by=issuer_admin)
    with pytest.raises(services.ConnectProblem):
        _make(issuer, issuer_admin, roles=[Role.ORG_ADMIN])


def test_revoking_ends_tokens_secret_and_roles_and_keeps_the_row(issuer, org_admin):
    new = _make(issuer, org_admin)
    assert _token(new).status_code == 200

    services.revoke_organization_client(new.client, by=org_admin)

    client = OrganizationClient.objects.get(pk=new.client.pk)
    assert client.revoked_by == org_admin
    assert client.revoked_at is not None
    assert not get_access_token_model().objects.filter(application=client.application).exists()
    assert _token(new).status_code == 401
    assert not client.account.memberships.filter(is_active=True).exists()
    client.account.refresh_from_db()
    assert not client.account.is_active


def test_an_issuer_admin_revokes_a_client_an_organization_admin_made(
    issuer, org_admin, issuer_admin
):
    new = _make(issuer, org_admin, roles=[Role.ORG_ADMIN])

    services.revoke_organization_client(new.client, by=issuer_admin)

    assert not new.client.account.memberships.filter(is_active=True).exists()


def test_revoking_twice_changes_nothing_the_second_time(issuer, org_admin, issuer_admin):
    new = _make(issuer, org_admin)
    services.revoke_organization_client(new.client, by=org_admin)
    services.revoke_organization_client(new.client, by=issuer_admin)
    assert OrganizationClient.objects.get().revoked_by == org_admin


def test_only_the_organizations_admins_revoke(issuer, org_admin, assessor):
    new = _make(issuer, org_admin)
    with pytest.raises(PermissionDenied):
        services.revoke_organization_client(new.client, by=assessor)
    assert OrganizationClient.objects.get().revoked_at is None


# -- The page -----------------------------------------------------------------------------


def test_the_page_lists_clients_with_roles_areas_and_last_token(issuer, org_admin):
    new = _make(issuer, org_admin, name="Student information system")
    _token(new)

    page = _signed_in(org_admin).get(_page(issuer)).content.decode()

    assert "Student information system" in page
    assert "Issuer admin" in page
    assert str(scopes.AREAS["api"][scopes.AWARDS]) in page
    assert "Oren Orgadmin" in page
    assert "Revoke Student information system" in page
    assert "No API clients yet." not in page


def test_the_members_page_links_to_it(issuer, org_admin):
    members = reverse("people:members", kwargs={"slug": issuer.slug})
    assert _page(issuer) in _signed_in(org_admin).get(members).content.decode()


def test_making_a_client_shows_its_secret_once_with_how_to_get_a_token(issuer, org_admin):
    browser = _signed_in(org_admin)

    response = browser.post(
        _page(issuer),
        {"name": "Roster sync", "roles": [Role.FACILITATOR], "scopes": [scopes.COHORTS]},
    )

    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    client = OrganizationClient.objects.get()
    assert client.application.client_id in page
    secret = response.context["client_secret"]
    assert secret in page
    assert "grant_type=client_credentials" in page
    assert "/ims/ob/v3p0/oauth/token" in page
    assert secret not in browser.get(_page(issuer)).content.decode()


def test_the_secret_shown_gets_a_token(issuer, org_admin):
    response = _signed_in(org_admin).post(
        _page(issuer),
        {"name": "Roster sync", "roles": [Role.FACILITATOR], "scopes": [scopes.COHORTS]},
    )
    new = services.NewClient(
        client=OrganizationClient.objects.get(), client_secret=response.context["client_secret"]
    )
    token = _token(new, scopes.COHORTS)
    assert token.status_code == 200, token.content
    assert token.json()["scope"] == scopes.COHORTS


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"roles": [Role.FACILITATOR], "scopes": [scopes.COHORTS]}, "name"),
        ({"name": "Sync", "scopes": [scopes.COHORTS]}, "roles"),
        ({"name": "Sync", "roles": [Role.EARNER], "scopes": [scopes.COHORTS]}, "roles"),
        ({"name": "Sync", "roles": [Role.FACILITATOR]}, "scopes"),
        ({"name": "Sync", "roles": [Role.FACILITATOR], "scopes": [scopes.BACKPACK]}, "scopes"),
        ({"name": "x" * 500, "roles": [Role.FACILITATOR], "scopes": [scopes.COHORTS]}, "name"),
    ],
)
def test_a_form_with_errors_answers_400_naming_the_field_and_makes_nothing(
    issuer, org_admin, data, field
):
    response = _signed_in(org_admin).post(_page(issuer), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not OrganizationClient.objects.exists()


def test_an_issuer_admin_is_not_offered_the_organization_admin_role(issuer, issuer_admin):
    response = _signed_in(issuer_admin).get(_page(issuer))
    offered = [value for value, _label in response.context["form"].fields["roles"].choices]
    assert Role.ORG_ADMIN not in offered
    assert Role.FACILITATOR in offered


def test_people_who_do_not_run_the_organization_are_refused(issuer, assessor, other_issuer):
    assert _signed_in(assessor).get(_page(issuer)).status_code == 403
    response = _signed_in(assessor).post(
        _page(issuer), {"name": "Sync", "roles": [Role.FACILITATOR], "scopes": [scopes.COHORTS]}
    )
    assert response.status_code == 403
    assert not OrganizationClient.objects.exists()


def test_revoking_asks_first_then_revokes_on_the_button(issuer, org_admin):
    new = _make(issuer, org_admin, name="Roster sync")
    url = reverse("connect:api_client_revoke", kwargs={"slug": issuer.slug, "pk": new.client.pk})
    browser = _signed_in(org_admin)

    asked = browser.get(url)
    assert asked.status_code == 200
    assert OrganizationClient.objects.get().revoked_at is None

    response = browser.post(url, follow=True)
    page = response.content.decode()
    assert "Roster sync is revoked" in page
    assert "Revoked" in page
    assert OrganizationClient.objects.get().revoked_at is not None


def test_another_organizations_client_is_not_found(issuer, other_issuer, org_admin):
    from microcred.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=org_admin, organization=other_issuer, role=Role.ORG_ADMIN)
    new = _make(other_issuer, org_admin)
    url = reverse("connect:api_client_revoke", kwargs={"slug": issuer.slug, "pk": new.client.pk})
    assert _signed_in(org_admin).post(url).status_code == 404
    assert OrganizationClient.objects.get().revoked_at is None


def test_a_client_holding_the_only_organization_admin_role_can_still_be_revoked(issuer):
    from microcred.accounts.tests.factories import UserFactory

    staff = UserFactory(is_staff=True)
    new = _make(issuer, staff, roles=[Role.ORG_ADMIN])

    services.revoke_organization_client(new.client, by=staff)

    assert OrganizationClient.objects.get().revoked_at is not None
    assert not new.client.account.memberships.filter(is_active=True).exists()


def test_a_client_is_never_told_what_an_organizations_admins_are_told(issuer, org_admin):
    from microcred.accounts import selectors

    new = _make(issuer, org_admin, roles=[Role.ORG_ADMIN, Role.FACILITATOR])

    assert list(selectors.admins(issuer.pk)) == [org_admin]
    assert new.client.account not in selectors.holders(issuer.pk, [Role.FACILITATOR])


# -- Signing through the VC API with an API client ---------------------------------------------


def _issue(token, credential=None):
    return Client().post(
        "/credentials/issue",
        json.dumps({"credential": credential or unsigned_credential()}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_an_api_client_with_the_scope_signs_credentials_as_its_organization(issuer, org_admin):
    new = _make(issuer, org_admin, scope=[scopes.CREDENTIALS_ISSUE, scopes.AWARDS])
    token = _token(new, scopes.CREDENTIALS_ISSUE).json()["access_token"]

    response = _issue(token)

    assert response.status_code == 201
    signed = response.json()["verifiableCredential"]
    assert signed["issuer"]["name"] == issuer.name
    assert verify.verify_credential(signed).verified


def test_signing_is_refused_without_the_scope_the_roles_or_a_live_client(issuer, org_admin, earner):
    without_scope = _make(issuer, org_admin)
    token = _token(without_scope).json()["access_token"]
    assert _issue(token).status_code == 403

    facilitator = _make(
        issuer, org_admin, roles=[Role.FACILITATOR], scope=[scopes.CREDENTIALS_ISSUE]
    )
    token = _token(facilitator, scopes.CREDENTIALS_ISSUE).json()["access_token"]
    refused = _issue(token)
    assert refused.status_code == 403
    assert "roles" in refused.json()["message"]

    assert _issue(person_token(earner, scopes.CREDENTIALS_ISSUE)).status_code == 403
    assert _issue("not-a-token").status_code == 401

    live = _make(issuer, org_admin, scope=[scopes.CREDENTIALS_ISSUE])
    token = _token(live, scopes.CREDENTIALS_ISSUE).json()["access_token"]
    services.revoke_organization_client(live.client, by=org_admin)
    assert _issue(token).status_code == 401
