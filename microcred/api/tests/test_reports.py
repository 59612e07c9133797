"""Reports through the REST API: a district's or state's counts by school or district for
its admins and its own system, and one educator's transcript only under an opening of
their record, kept as the educators page keeps it."""

import json
from datetime import date

import pytest
from django.test import Client

from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from microcred.connect import scopes
from microcred.reports.forms import RangeForm
from microcred.reports.models import RecordOpening
from microcred.reports.tests.factories import award_on

from .tokens import bearer, client_token, person_token

pytestmark = pytest.mark.django_db

RANGE = {"start": "2025-01-01", "end": "2025-12-31"}


@pytest.fixture
def state():
    return OrganizationFactory(kind=Organization.Kind.STATE, name="Summit State Department")


@pytest.fixture
def district_admin(district):
    return MembershipFactory(organization=district, role=Role.ORG_ADMIN).user


@pytest.fixture
def admin_token(district_admin):
    return person_token(district_admin, scopes.REPORTS)


@pytest.fixture
def system_token(district, district_admin):
    return client_token(
        district, by=district_admin, roles=[Role.ORG_ADMIN], scopes=[scopes.REPORTS]
    )


@pytest.fixture
def awarded(earner, issuer, issuer_admin):
    return award_on(
        earner,
        date(2025, 3, 4),
        issuer=issuer,
        issuer_admin=issuer_admin,
        credit=("1.5", "clock hours", "Summit State"),
    )


@pytest.fixture
def staffed(district, earner, awarded):
    """Twelve educators at one school (the earner among them, with an award)."""
    earner.school = "Oak Elementary"
    earner.save(update_fields=["school"])
    for n in range(11):
        MembershipFactory(
            organization=district,
            role=Role.EARNER,
            user__name=f"Teacher {n}",
            user__school="Oak Elementary",
        )
    return district


def _counts(slug, token, query=RANGE):
    return Client().get(f"/api/v1/organizations/{slug}/reports/educators/", query, **bearer(token))


def _open(slug, body, token, **headers):
    return Client().post(
        f"/api/v1/organizations/{slug}/record-openings/",
        json.dumps(body),
        content_type="application/json",
        **bearer(token),
        **headers,
    )


def _transcript(slug, educator, token, **query):
    return Client().get(
        f"/api/v1/organizations/{slug}/educators/{educator.pk}/transcript/", query, **bearer(token)
    )


def test_the_districts_own_system_reads_the_counts_by_school(staffed, system_token):
    response = _counts(staffed.slug, system_token)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["grouped_by"] == "school"
    [school] = body["groups"]
    assert (school["label"], school["educators"], school["award_count"]) == (
        "Oak Elementary",
        12,
        1,
    )
    assert school["credit"] == [
        {"unit": "clock hours", "amount": "1.5", "authority": "Summit State"}
    ]
    assert body["total"]["educators"] == 12


def test_a_small_group_gives_no_figures(district, awarded, admin_token):
    body = _counts(district.slug, admin_token).json()

    assert body["total"]["suppressed"] is True
    assert (body["total"]["educators"], body["total"]["award_count"], body["total"]["credit"]) == (
        None,
        None,
        [],
    )


def test_a_state_admin_reads_the_counts_by_district(state, staffed):
    staffed.parent = state
    staffed.save(update_fields=["parent"])
    state_admin = MembershipFactory(organization=state, role=Role.ORG_ADMIN).user

    body = _counts(state.slug, person_token(state_admin, scopes.REPORTS)).json()

    assert body["grouped_by"] == "district"
    assert [g["label"] for g in body["groups"]] == [staffed.name]


def test_awards_outside_the_range_are_not_counted(staffed, admin_token):
    body = _counts(staffed.slug, admin_token, {"start": "2024-01-01", "end": "2024-12-31"}).json()

    assert body["total"]["award_count"] == 0


def test_the_organizations_reported_on_are_listed(district, state, admin_token):
    response = Client().get("/api/v1/reports/organizations/", **bearer(admin_token))

    assert [o["slug"] for o in response.json()["results"]] == [district.slug]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2025-12-31", "end": "2025-01-01"}, "end"),
        ({"start": "2000-01-01", "end": "2025-01-01"}, "end"),
        ({"start": "yesterday"}, "start"),
        ({"end": "2025-02-30"}, "end"),
        ({"start": "0001-01-01", "end": "0001-01-05"}, "end"),
        ({"start": "9999-12-01", "end": "9999-12-31"}, "end"),
    ],
)
def test_a_bad_range_is_refused_naming_the_date(district, admin_token, query, field):
    response = _counts(district.slug, admin_token, query)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_another_districts_counts_are_not_found(admin_token):
    other = OrganizationFactory(kind=Organization.Kind.DISTRICT)

    assert _counts(other.slug, admin_token).status_code == 404


def test_an_issuers_admin_reports_on_no_educators(issuer, issuer_admin):
    response = _counts(issuer.slug, person_token(issuer_admin, scopes.REPORTS))

    assert response.status_code == 404


def test_no_token_is_told_to_bring_one(district):
    assert (
        Client().get(f"/api/v1/organizations/{district.slug}/reports/educators/").status_code == 401
    )


def test_a_token_without_the_reports_scope_is_refused_naming_it(district, district_admin):
    response = _counts(district.slug, person_token(district_admin, scopes.VOUCHERS))

    assert response.status_code == 403
    assert response.json()["scope"] == scopes.REPORTS


# -- One educator's record ------------------------------------------------------------------


def test_an_admin_opens_a_record_with_a_reason_and_reads_the_transcript(
    district, district_admin, earner, awarded, admin_token
):
    opened = _open(district.slug, {"email": earner.email.upper(), "reason": "Renewal"}, admin_token)

    assert opened.status_code == 201, opened.content
    opening = RecordOpening.objects.get()
    assert (opening.opened_by, opening.educator, opening.reason) == (
        district_admin,
        earner,
        "Renewal",
    )
    transcript = Client().get(
        opened["Location"] + "&start=2025-01-01&end=2025-12-31", **bearer(admin_token)
    )
    assert transcript.status_code == 200, transcript.content
    body = transcript.json()
    assert [(a["title"], a["credit"], a["unit"]) for a in body["awards"]] == [
        (awarded.title, "1.5", "clock hours")
    ]
    assert body["by_unit"] == [{"unit": "clock hours", "amount": "1.5"}]


def test_the_districts_own_system_reads_a_transcript_under_its_own_opening(
    district, earner, awarded, system_token
):
    opened = _open(district.slug, {"email": earner.email, "reason": "Credit audit"}, system_token)

    response = _transcript(
        district.slug, earner, system_token, opening=opened.json()["id"], **RANGE
    )

    assert response.status_code == 200
    assert response.json()["educator"]["email"] == earner.email


def test_without_an_opening_the_transcript_is_refused(district, earner, admin_token):
    response = _transcript(district.slug, earner, admin_token, opening=12345, **RANGE)

    assert response.status_code == 403
    assert "record-openings" in response.json()["detail"]


def test_another_admins_opening_does_not_serve(district, earner, admin_token):
    colleague = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user
    theirs = _open(
        district.slug,
        {"email": earner.email, "reason": "Mine"},
        person_token(colleague, scopes.REPORTS),
    )

    response = _transcript(district.slug, earner, admin_token, opening=theirs.json()["id"])

    assert response.status_code == 403


def test_the_openings_are_listed_for_the_admins(district, earner, admin_token):
    _open(district.slug, {"email": earner.email, "reason": "Renewal"}, admin_token)

    response = Client().get(
        f"/api/v1/organizations/{district.slug}/record-openings/", **bearer(admin_token)
    )

    [opening] = response.json()["results"]
    assert (opening["educator"]["email"], opening["reason"]) == (earner.email, "Renewal")


def test_someone_who_is_not_an_educator_of_the_district_is_not_found(district, admin_token):
    stranger = UserFactory()

    opened = _open(district.slug, {"email": stranger.email, "reason": "Curious"}, admin_token)
    transcript = _transcript(district.slug, stranger, admin_token, opening=1)
    nobody = Client().get(
        f"/api/v1/organizations/{district.slug}/educators/{10**30}/transcript/",
        {"opening": 1},
        **bearer(admin_token),
    )

    assert opened.status_code == 400
    assert stranger.email in opened.json()["errors"]["email"][0]
    assert (transcript.status_code, nobody.status_code) == (404, 404)
    assert not RecordOpening.objects.exists()


def test_another_districts_admin_opens_nothing(district, earner):
    other = OrganizationFactory(kind=Organization.Kind.DISTRICT)
    outsider = MembershipFactory(organization=other, role=Role.ORG_ADMIN).user

    response = _open(
        district.slug,
        {"email": earner.email, "reason": "Curious"},
        person_token(outsider, scopes.REPORTS),
    )

    assert response.status_code == 404
    assert not RecordOpening.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "x@example.org"}, "reason"),
        ({"email": "x@example.org", "reason": ""}, "reason"),
        ({"email": "x@example.org", "reason": "r" * 2001}, "reason"),
        ({"email": "not an address", "reason": "Renewal"}, "email"),
        ({"email": ["x@example.org"], "reason": "Renewal"}, "email"),
        ({"reason": "Renewal"}, "email"),
    ],
)
def test_a_bad_opening_is_refused_naming_the_field(district, admin_token, body, field):
    response = _open(district.slug, body, admin_token)

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not RecordOpening.objects.exists()


@pytest.mark.parametrize(
    "query", [{}, {"opening": "first"}, {"opening": "-3"}, {"opening": "9" * 40}]
)
def test_a_transcript_asked_without_a_usable_opening_id_is_refused_naming_it(
    district, earner, admin_token, query
):
    response = _transcript(district.slug, earner, admin_token, **query)

    assert response.status_code == 400
    assert "opening" in response.json()["errors"]


def test_an_opening_sent_twice_is_kept_once(district, earner, admin_token):
    body = {"email": earner.email, "reason": "Renewal"}
    first = _open(district.slug, body, admin_token, HTTP_IDEMPOTENCY_KEY="o-1")
    again = _open(district.slug, body, admin_token, HTTP_IDEMPOTENCY_KEY="o-1")

    assert again.json() == first.json()
    assert again["Location"] == first["Location"]
    assert RecordOpening.objects.count() == 1


def test_without_dates_the_counts_cover_the_last_five_years(district, admin_token):
    body = _counts(district.slug, admin_token, {}).json()

    assert (body["start"], body["end"]) == tuple(
        str(RangeForm().initial[k]) for k in ("start", "end")
    )


def test_a_null_character_refuses_the_whole_opening(district, earner, admin_token):
    response = _open(district.slug, {"email": earner.email, "reason": "a\x00b"}, admin_token)

    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    assert not RecordOpening.objects.exists()
