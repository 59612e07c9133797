"""Vouchers through the REST API: a district's or issuer's batches and codes, and making
a batch, for its admins' apps and for its own system."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory
from microcred.connect import scopes
from microcred.payments import services
from microcred.payments.models import VoucherBatch
from microcred.submissions.tests.factories import enrollment_for

from .tokens import bearer, client_token, person_token

pytestmark = pytest.mark.django_db

BATCHES = "/api/v1/organizations/{}/voucher-batches/"
CODES = "/api/v1/organizations/{}/vouchers/"


@pytest.fixture
def district_admin(district):
    return MembershipFactory(organization=district, role=Role.ORG_ADMIN).user


@pytest.fixture
def admin_token(district_admin):
    return person_token(district_admin, scopes.VOUCHERS)


@pytest.fixture
def system_token(district, district_admin):
    return client_token(
        district, by=district_admin, roles=[Role.ORG_ADMIN], scopes=[scopes.VOUCHERS]
    )


def _post(url, body, token, **headers):
    return Client().post(url, body, content_type="application/json", **bearer(token), **headers)


def test_a_district_admin_lists_the_batches_with_their_codes_and_uses(
    district, district_admin, admin_token
):
    services.create_voucher_batch(district, by=district_admin, name="Spring", count=3)

    response = Client().get(BATCHES.format(district.slug), **bearer(admin_token))

    assert response.status_code == 200
    [batch] = response.json()["results"]
    assert (batch["name"], batch["codes"], batch["used"], batch["uses_per_code"]) == (
        "Spring",
        3,
        0,
        1,
    )
    assert response["X-Total-Count"] == "1"


def test_the_districts_own_system_makes_a_batch_and_reads_its_codes(district, system_token):
    made = _post(
        BATCHES.format(district.slug),
        {"name": "Summer institute", "count": 2, "uses_per_code": 3, "expires_on": "2031-06-30"},
        system_token,
    )

    assert made.status_code == 201, made.content
    assert made["Location"].endswith(f"/voucher-batches/{made.json()['id']}/")
    codes = Client().get(
        CODES.format(district.slug), {"batch": made.json()["id"]}, **bearer(system_token)
    )
    assert [
        (c["uses_per_code"], c["times_used"], c["expires_on"]) for c in codes.json()["results"]
    ] == [
        (3, 0, "2031-06-30"),
        (3, 0, "2031-06-30"),
    ]
    assert all(len(c["code"]) == 14 and c["code"].count("-") == 2 for c in codes.json()["results"])


def test_one_batch_is_read_at_its_own_address(district, district_admin, admin_token):
    batch = services.create_voucher_batch(district, by=district_admin, name="Fall", count=1)

    response = Client().get(f"{BATCHES.format(district.slug)}{batch.pk}/", **bearer(admin_token))

    assert response.json()["name"] == "Fall"


def test_codes_filter_by_whether_they_were_redeemed(
    district, district_admin, admin_token, earner, issuer, issuer_admin
):
    batch = services.create_voucher_batch(district, by=district_admin, name="Pilot", count=2)
    used = batch.vouchers.order_by("pk").first()
    enrollment = enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    services.redeem_voucher(enrollment, by=earner, code=used.code)

    redeemed = Client().get(
        CODES.format(district.slug), {"redeemed": "true"}, **bearer(admin_token)
    )
    unused = Client().get(CODES.format(district.slug), {"redeemed": "false"}, **bearer(admin_token))

    assert [c["code"] for c in redeemed.json()["results"]] == [used.code]
    assert [c["redeemed"] for c in unused.json()["results"]] == [False]
    assert used.code not in [c["code"] for c in unused.json()["results"]]


def test_an_issuers_admin_makes_vouchers_for_its_catalog(issuer, issuer_admin):
    token = person_token(issuer_admin, scopes.VOUCHERS)

    made = _post(BATCHES.format(issuer.slug), {"name": "Conference", "count": 5}, token)

    assert made.status_code == 201
    assert made.json()["codes"] == 5


def test_no_token_is_told_to_bring_one(district):
    response = Client().get(BATCHES.format(district.slug))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_without_the_vouchers_scope_is_refused_naming_it(district, district_admin):
    token = person_token(district_admin, scopes.REPORTS)

    response = Client().get(BATCHES.format(district.slug), **bearer(token))

    assert response.status_code == 403
    assert response.json()["scope"] == scopes.VOUCHERS


@pytest.mark.parametrize("kind", [Organization.Kind.DISTRICT, Organization.Kind.STATE])
def test_another_organizations_vouchers_are_not_found_and_none_are_made(kind, admin_token):
    other = OrganizationFactory(kind=kind)

    listed = Client().get(CODES.format(other.slug), **bearer(admin_token))
    made = _post(BATCHES.format(other.slug), {"name": "Theirs", "count": 1}, admin_token)

    assert (listed.status_code, made.status_code) == (404, 404)
    assert not VoucherBatch.objects.exists()


def test_a_facilitator_of_the_district_sees_no_vouchers(district):
    facilitator = MembershipFactory(organization=district, role=Role.FACILITATOR).user

    response = Client().get(
        BATCHES.format(district.slug), **bearer(person_token(facilitator, scopes.VOUCHERS))
    )

    assert response.status_code == 404


def test_another_organizations_batch_is_not_found(district, admin_token, issuer, issuer_admin):
    theirs = services.create_voucher_batch(issuer, by=issuer_admin, name="Theirs", count=1)

    response = Client().get(f"{BATCHES.format(district.slug)}{theirs.pk}/", **bearer(admin_token))
    huge = Client().get(f"{BATCHES.format(district.slug)}{10**30}/", **bearer(admin_token))

    assert (response.status_code, huge.status_code) == (404, 404)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Spring", "count": 0}, "count"),
        ({"name": "Spring", "count": 10_001}, "count"),
        ({"name": "Spring", "count": "many"}, "count"),
        ({"name": "Spring", "count": 10**40}, "count"),
        ({"name": "Spring", "count": 1.5}, "count"),
        ({"name": "Spring"}, "count"),
        ({"name": "", "count": 1}, "name"),
        ({"name": "x" * 201, "count": 1}, "name"),
        ({"name": ["Spring"], "count": 1}, "name"),
        ({"name": "Spring", "count": 1, "uses_per_code": -1}, "uses_per_code"),
        ({"name": "Spring", "count": 1, "expires_on": "next June"}, "expires_on"),
        ({"name": "Spring", "count": 1, "expires_on": "99999-01-01"}, "expires_on"),
    ],
)
def test_a_bad_batch_is_refused_naming_the_field_and_nothing_is_made(
    district, admin_token, body, field
):
    response = _post(BATCHES.format(district.slug), body, admin_token)

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not VoucherBatch.objects.exists()


def test_a_body_that_is_not_an_object_is_refused(district, admin_token):
    response = _post(BATCHES.format(district.slug), [1, 2], admin_token)

    assert response.status_code == 400
    assert not VoucherBatch.objects.exists()


@pytest.mark.parametrize(
    "query", [{"batch": "first"}, {"batch": "-1"}, {"batch": "9" * 40}, {"redeemed": "perhaps"}]
)
def test_a_bad_filter_is_refused_naming_it(district, admin_token, query):
    response = Client().get(CODES.format(district.slug), query, **bearer(admin_token))

    assert response.status_code == 400
    assert set(query) <= set(response.json()["errors"])


def test_the_same_request_sent_twice_makes_one_batch(district, system_token):
    body = {"name": "Retry", "count": 4}
    first = _post(BATCHES.format(district.slug), body, system_token, HTTP_IDEMPOTENCY_KEY="b-1")
    again = _post(BATCHES.format(district.slug), body, system_token, HTTP_IDEMPOTENCY_KEY="b-1")

    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert VoucherBatch.objects.get().vouchers.count() == 4


def _queries(url, token) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(url, **bearer(token)).status_code == 200
    return len(queries)


def test_the_lists_read_in_the_same_number_of_queries_however_many_batches(
    district, district_admin, admin_token
):
    services.create_voucher_batch(district, by=district_admin, name="One", count=2)
    few = (
        _queries(BATCHES.format(district.slug), admin_token),
        _queries(CODES.format(district.slug), admin_token),
    )
    for n in range(4):
        services.create_voucher_batch(district, by=district_admin, name=f"More {n}", count=3)

    many = (
        _queries(BATCHES.format(district.slug), admin_token),
        _queries(CODES.format(district.slug), admin_token),
    )

    assert many == few


def test_a_null_character_refuses_the_whole_batch(district, admin_token):
    response = _post(BATCHES.format(district.slug), {"name": "Spr\x00ing", "count": 1}, admin_token)

    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    assert not VoucherBatch.objects.exists()
