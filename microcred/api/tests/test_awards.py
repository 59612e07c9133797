"""Awards and revocation through the REST API: an issuer's admin's app and the issuer's
own system list the issuer's awards, read one with its signed credential, and revoke."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import UserFactory
from microcred.catalog.models import Cohort
from microcred.connect import scopes
from microcred.credentials.models import AuditAction, Award, BulkIssue, CredentialAudit
from microcred.credentials.tests.factories import met_submission, signed_award
from microcred.submissions.tests.factories import enrollment_for

from .tokens import bearer, client_token, person_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def admin_token(issuer_admin):
    return person_token(issuer_admin, scopes.AWARDS)


@pytest.fixture
def system_token(issuer, org_admin):
    return client_token(issuer, by=org_admin, roles=[Role.ISSUER_ADMIN], scopes=[scopes.AWARDS])


def _get(path, token=None):
    return Client().get(path, **(bearer(token) if token else {}))


def _revoke(award, token, body):
    return Client().post(
        f"/api/v1/awards/{award.public_id}/revoke/",
        body,
        content_type="application/json",
        **bearer(token),
    )


# -- The list --------------------------------------------------------------------------------


def test_an_issuer_admin_lists_the_awards_of_their_issuer_and_no_others(
    award, admin_token, other_issuer
):
    other_admin = UserFactory()
    other_admin.memberships.create(organization=other_issuer, role=Role.ISSUER_ADMIN)
    signed_award(UserFactory(), issuer_admin=other_admin, micro_credential__issuer=other_issuer)
    response = _get("/api/v1/awards/", admin_token)
    assert response.status_code == 200
    assert [a["id"] for a in response.json()["results"]] == [str(award.public_id)]
    assert response["X-Total-Count"] == "1"


def test_the_issuers_own_system_lists_the_same_awards(award, system_token):
    response = _get("/api/v1/awards/", system_token)
    assert response.status_code == 200
    (found,) = response.json()["results"]
    assert found["earner"]["email"] == award.earner.email
    assert found["micro_credential"] == award.version.micro_credential.slug


def test_the_list_needs_a_token():
    response = _get("/api/v1/awards/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_token_without_the_awards_scope_is_refused_and_told_which_it_needs(issuer_admin):
    response = _get("/api/v1/awards/", person_token(issuer_admin, scopes.REPORTS))
    assert response.status_code == 403
    assert response.json()["scope"] == scopes.AWARDS


def test_an_earner_with_the_scope_lists_nothing_of_the_issuers(award, earner):
    response = _get("/api/v1/awards/", person_token(earner, scopes.AWARDS))
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.fixture
def two_awards(award, issuer, issuer_admin, admin_token):
    second = signed_award(
        UserFactory(email="sam@example.org"),
        issuer_admin=issuer_admin,
        micro_credential__issuer=issuer,
    )
    Award.objects.filter(pk=award.pk).update(awarded_at=timezone.now() - timedelta(days=30))
    _revoke(second, admin_token, {"reason": "The evidence was another teacher's."})
    return award, second


@pytest.mark.parametrize(
    ("query", "which"),
    [
        ("earner=SAM@example.org", "second"),
        ("revoked=true", "second"),
        ("revoked=false", "first"),
        ("issued_before={ten_days_ago}", "first"),
        ("issued_after={ten_days_ago}", "second"),
        ("micro_credential={first_slug}", "first"),
    ],
)
def test_each_filter_narrows_the_list(two_awards, admin_token, query, which):
    first, second = two_awards
    ten_days_ago = (timezone.now() - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    query = query.format(ten_days_ago=ten_days_ago, first_slug=first.version.micro_credential.slug)
    response = _get(f"/api/v1/awards/?{query}", admin_token)
    assert response.status_code == 200, response.json()
    wanted = first if which == "first" else second
    assert [a["id"] for a in response.json()["results"]] == [str(wanted.public_id)]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("revoked=perhaps", "revoked"),
        ("issued_after=last-week", "issued_after"),
        ("earner=" + "a" * 300, "earner"),
        ("micro_credential=not a slug", "micro_credential"),
    ],
)
def test_a_filter_that_cannot_be_read_is_named(admin_token, query, field):
    response = _get(f"/api/v1/awards/?{query}", admin_token)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_page_of_the_list_costs_the_same_queries_however_many_awards(
    two_awards, admin_token, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = _get("/api/v1/awards/", admin_token)
    assert response.json()["count"] == 2


# -- One award -------------------------------------------------------------------------------


def test_one_award_comes_with_its_signed_credential_and_its_addresses(award, system_token):
    response = _get(f"/api/v1/awards/{award.public_id}/", system_token)
    assert response.status_code == 200
    body = response.json()
    assert "OpenBadgeCredential" in body["credential"]["type"]
    addresses = body["addresses"]
    assert addresses["credential_json"].endswith(f"/badges/{award.public_id}/credential.json")
    assert addresses["verify_page"].endswith("/verify/")
    assert Client().get(addresses["credential_json"]).status_code == 200


def test_another_issuers_admin_learns_nothing_of_an_award(award, other_issuer):
    other_admin = UserFactory()
    other_admin.memberships.create(organization=other_issuer, role=Role.ISSUER_ADMIN)
    response = _get(f"/api/v1/awards/{award.public_id}/", person_token(other_admin, scopes.AWARDS))
    assert response.status_code == 404


def test_an_unknown_award_is_not_found(admin_token):
    response = _get("/api/v1/awards/00000000-0000-4000-8000-000000000000/", admin_token)
    assert response.status_code == 404
    assert _get("/api/v1/awards/not-an-id/", admin_token).status_code == 404


# -- Revoking --------------------------------------------------------------------------------


def test_an_issuer_admin_revokes_an_award_with_a_reason(award, issuer_admin, admin_token):
    response = _revoke(award, admin_token, {"reason": "The evidence was another teacher's."})
    assert response.status_code == 200
    assert response.json()["revoked"] is True
    assert response.json()["revocation_reason"] == "The evidence was another teacher's."
    award.refresh_from_db()
    assert award.revoked_by == issuer_admin
    assert CredentialAudit.objects.filter(award=award, action=AuditAction.REVOKED).count() == 1


def test_the_issuers_own_system_revokes_in_its_own_name(award, system_token):
    response = _revoke(award, system_token, {"reason": "Withdrawn by the program."})
    assert response.status_code == 200
    award.refresh_from_db()
    assert award.revoked_by.email.endswith("@clients.invalid")


def test_revoking_an_award_again_is_a_conflict(award, admin_token):
    _revoke(award, admin_token, {"reason": "Withdrawn."})
    response = _revoke(award, admin_token, {"reason": "Withdrawn twice."})
    assert response.status_code == 409
    assert response.json()["detail"] == "This credential was already revoked."
    award.refresh_from_db()
    assert award.revocation_reason == "Withdrawn."


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": 7}])
def test_a_revocation_without_a_readable_reason_is_refused_and_nothing_changes(
    award, admin_token, body
):
    response = _revoke(award, admin_token, body)
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    award.refresh_from_db()
    assert award.revoked_at is None


def test_a_reason_holding_a_null_character_is_refused_whole(award, admin_token):
    response = _revoke(award, admin_token, {"reason": "a\x00b"})
    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    award.refresh_from_db()
    assert award.revoked_at is None


def test_a_body_that_is_not_an_object_is_refused(award, admin_token):
    response = _revoke(award, admin_token, ["reason"])
    assert response.status_code == 400


def test_the_earner_sees_their_award_but_may_not_revoke_it(award, earner):
    token = person_token(earner, scopes.AWARDS)
    assert _get(f"/api/v1/awards/{award.public_id}/", token).status_code == 200
    response = _revoke(award, token, {"reason": "I changed my mind."})
    assert response.status_code == 403
    award.refresh_from_db()
    assert award.revoked_at is None


def test_another_issuers_system_cannot_revoke_an_award(award, other_issuer):
    other_admin = UserFactory()
    other_admin.memberships.create(organization=other_issuer, role=Role.ORG_ADMIN)
    token = client_token(
        other_issuer, by=other_admin, roles=[Role.ISSUER_ADMIN], scopes=[scopes.AWARDS]
    )
    response = _revoke(award, token, {"reason": "Not ours."})
    assert response.status_code == 404


# -- A cohort at once --------------------------------------------------------------------------


@pytest.fixture
def cohort(earner, issuer, issuer_admin):
    """A cohort whose one earner was judged Met, their award not yet signed."""
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, fee=0, micro_credential__issuer=issuer
    )
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        micro_credential=enrollment.micro_credential,
        name="Spring cohort",
        starts_on=today,
        ends_on=today + timedelta(days=60),
        enrollment_opens_on=today - timedelta(days=10),
        enrollment_closes_on=today,
        capacity=10,
    )
    enrollment.cohort = cohort
    enrollment.save()
    met_submission(earner, issuer_admin=issuer_admin, enrollment=enrollment)
    return cohort


def test_the_issuers_system_issues_a_cohorts_credentials_and_follows_the_signing(
    cohort, system_token, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            f"/api/v1/awards/cohorts/{cohort.pk}/issue/", **bearer(system_token)
        )
    assert response.status_code == 202
    assert response.json()["cohort"] == cohort.pk
    assert BulkIssue.objects.filter(cohort=cohort).count() == 1
    progress = _get(response["Location"], system_token).json()
    assert (progress["total"], progress["signed"]) == (1, 1)
    assert Award.objects.get(submission__enrollment__cohort=cohort).signed_at is not None


def test_asking_again_while_a_cohort_is_issued_joins_that_issue(cohort, admin_token):
    for _ in range(2):
        response = Client().post(
            f"/api/v1/awards/cohorts/{cohort.pk}/issue/", **bearer(admin_token)
        )
        assert response.status_code == 202
    assert BulkIssue.objects.filter(cohort=cohort).count() == 1


def test_another_issuers_cohort_is_not_found(cohort, other_issuer):
    other_admin = UserFactory()
    other_admin.memberships.create(organization=other_issuer, role=Role.ISSUER_ADMIN)
    token = person_token(other_admin, scopes.AWARDS)
    response = Client().post(f"/api/v1/awards/cohorts/{cohort.pk}/issue/", **bearer(token))
    assert response.status_code == 404
    assert _get(f"/api/v1/awards/cohorts/{cohort.pk}/issuance/", token).status_code == 404
    assert not BulkIssue.objects.exists()


def test_issuing_for_a_cohort_needs_the_awards_scope(cohort, issuer_admin):
    token = person_token(issuer_admin, scopes.CATALOG_WRITE)
    response = Client().post(f"/api/v1/awards/cohorts/{cohort.pk}/issue/", **bearer(token))
    assert response.status_code == 403
    assert not BulkIssue.objects.exists()


@pytest.mark.parametrize(
    ("method", "template"),
    [
        ("GET", "awards/"),
        ("GET", "awards/{award}/"),
        ("POST", "awards/{award}/revoke/"),
        ("GET", "awards/cohorts/{cohort}/issuance/"),
        ("POST", "awards/cohorts/{cohort}/issue/"),
    ],
)
def test_every_awards_address_needs_a_token_with_the_scope_and_changes_nothing_without(
    award, cohort, issuer_admin, method, template
):
    path = "/api/v1/" + template.format(award=award.public_id, cohort=cohort.pk)
    body = {"reason": "Withdrawn."}
    anonymous = Client().generic(method, path, json.dumps(body), content_type="application/json")
    assert anonymous.status_code == 401
    refused = Client().generic(
        method,
        path,
        json.dumps(body),
        content_type="application/json",
        **bearer(person_token(issuer_admin, scopes.CATALOG_WRITE)),
    )
    assert refused.status_code == 403
    assert refused.json()["scope"] == scopes.AWARDS
    award.refresh_from_db()
    assert award.revoked_at is None
    assert not BulkIssue.objects.exists()


def test_a_cohort_never_issued_shows_what_it_has_earned_and_nothing_running(cohort, admin_token):
    response = _get(f"/api/v1/awards/cohorts/{cohort.pk}/issuance/", admin_token)
    assert response.status_code == 200
    body = response.json()
    assert (body["started_at"], body["total"], body["running"]) == (None, 1, False)
