"""A state's or district's admins see counts by district or school, groups under 10
suppressed, never a list of names; one educator's record is opened at a time, for a
reason, and every opening is kept for the organization's admins."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.reports import services
from microcred.reports.models import RecordOpening
from microcred.reports.tests.factories import award_on

pytestmark = pytest.mark.django_db

RANGE = {"start": "2025-01-01", "end": "2025-12-31"}


@pytest.fixture
def districts(state, district, other_district):
    for d in (district, other_district):
        d.parent = state
        d.save(update_fields=["parent"])
    return district, other_district


@pytest.fixture
def staffed(districts, earner, issuer, issuer_admin):
    """Twelve educators in the first district (one with an award), three in the second."""
    big, small = districts
    for n in range(11):
        MembershipFactory(organization=big, role=Role.EARNER, user__name=f"Teacher {n}")
    for n in range(3):
        MembershipFactory(organization=small, role=Role.EARNER, user__name=f"Neighbour {n}")
    award_on(earner, date(2025, 3, 4), issuer=issuer, issuer_admin=issuer_admin,
             credit=("0.5", "state credit", "Summit State"))  # fmt: skip
    return big, small


def _row(page_text: str, label: str) -> str:
    start = page_text.index(f'<th scope="row">{label}</th>')
    return page_text[start : page_text.index("</tr>", start)]


def test_the_state_overview_counts_by_district_and_suppresses_small_ones(
    client, staffed, state, state_admin
):
    big, small = staffed
    client.force_login(state_admin)

    page = client.get(reverse("reports:educators", args=[state.slug]), RANGE).content.decode()

    big_row = _row(page, big.name)
    assert 'data-label="Educators">12</td>' in big_row
    assert 'data-label="Awards">1</td>' in big_row
    assert "0.5 state credit" in big_row
    assert "fewer than 10" in _row(page, small.name)
    assert 'data-label="Educators">15</td>' in _row(page, f"All of {state.name}")
    assert "Teacher 0" not in page
    assert "Erin Earner" not in page
    assert "@" not in page.split('id="open-h"')[0]


def test_the_state_csv_has_the_same_counts_and_no_names(client, staffed, state, state_admin):
    big, small = staffed
    client.force_login(state_admin)

    response = client.get(
        reverse("reports:educators", args=[state.slug]), {**RANGE, "format": "csv"}
    )

    rows = {r["group"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    assert (rows[big.name]["educators"], rows[big.name]["awards"]) == ("12", "1")
    assert rows[small.name]["educators"] == "fewer than 10"
    assert rows[small.name]["awards"] == ""
    assert "Teacher" not in response.content.decode()


def test_a_district_overview_counts_by_school(client, district, district_admin):
    for _n in range(10):
        MembershipFactory(
            organization=district, role=Role.EARNER, user__school="Hillside Elementary"
        )
    MembershipFactory(organization=district, role=Role.EARNER, user__school="Tiny Academy")
    client.force_login(district_admin)

    page = client.get(reverse("reports:educators", args=[district.slug])).content.decode()

    assert 'data-label="Educators">10</td>' in _row(page, "Hillside Elementary")
    assert "fewer than 10" in _row(page, "Tiny Academy")


def _open(client, organization, *, email, reason="Recertification credit check"):
    return client.post(
        reverse("reports:open_record", args=[organization.slug]),
        {"email": email, "reason": reason},
    )


def test_opening_a_record_for_a_reason_shows_it_and_writes_the_audit(
    client, staffed, earner, state, state_admin
):
    client.force_login(state_admin)

    response = _open(client, state, email=earner.email.upper())

    opening = RecordOpening.objects.get()
    assert (opening.opened_by, opening.educator, opening.organization) == (
        state_admin,
        earner,
        state,
    )
    assert opening.reason == "Recertification credit check"
    page = client.get(response["Location"]).content.decode()
    assert f"Transcript of credits: {earner.name}" in page
    assert "Recertification credit check" in page


def test_a_record_is_not_opened_without_a_reason(client, district, earner, district_admin):
    client.force_login(district_admin)

    response = _open(client, district, email=earner.email, reason="   ")

    assert response.status_code == 400
    assert "Say why you are opening this record" in response.content.decode()
    assert not RecordOpening.objects.exists()


def test_someone_who_is_not_an_educator_there_is_not_found(
    client, district, other_educator, district_admin
):
    client.force_login(district_admin)

    response = _open(client, district, email=other_educator.email)

    assert response.status_code == 400
    assert f"No educator of {district.name} has the e-mail address" in response.content.decode()
    assert not RecordOpening.objects.exists()


def test_the_transcript_without_an_opening_sends_the_admin_to_the_form(
    client, district, earner, district_admin
):
    client.force_login(district_admin)

    response = client.get(reverse("reports:educator_transcript", args=[district.slug, earner.pk]))

    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("reports:educators", args=[district.slug]) + "#open-h"
    )


def test_an_opening_serves_its_admin_for_an_hour_only(client, district, earner, district_admin):
    client.force_login(district_admin)
    location = _open(client, district, email=earner.email)["Location"]

    assert client.get(location).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert client.get(location).status_code == 302


def test_another_admin_cannot_use_someone_elses_opening(client, district, earner, district_admin):
    client.force_login(district_admin)
    location = _open(client, district, email=earner.email)["Location"]
    colleague = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user

    client.force_login(colleague)

    assert client.get(location).status_code == 302


def test_the_organizations_admins_see_who_opened_which_record_and_why(
    client, district, earner, district_admin
):
    client.force_login(district_admin)
    _open(client, district, email=earner.email, reason="Salary lane review")
    colleague = MembershipFactory(organization=district, role=Role.ORG_ADMIN).user
    client.force_login(colleague)

    history = client.get(reverse("reports:openings", args=[district.slug])).content.decode()
    overview = client.get(reverse("reports:educators", args=[district.slug])).content.decode()

    for page in (history, overview):
        assert f"{district_admin.name} opened the record of {earner.name}" in page
        assert "Salary lane review" in page


def test_an_educator_cannot_read_the_openings(client, district, earner):
    client.force_login(earner)

    assert client.get(reverse("reports:openings", args=[district.slug])).status_code == 403
    assert _open(client, district, email=earner.email).status_code == 403


def test_openings_are_append_only(district, earner, district_admin):
    opening = services.open_record(district, by=district_admin, email=earner.email, reason="Check")

    opening.reason = "Something else"
    with pytest.raises(ValidationError, match="append-only"):
        opening.save()
    with pytest.raises(ValidationError, match="append-only"):
        opening.delete()


def test_an_issuer_has_no_educators_to_open(issuer, org_admin, earner):
    assert issuer.kind == Organization.Kind.ISSUER
    with pytest.raises(services.PermissionDenied):
        services.open_record(issuer, by=org_admin, email=earner.email, reason="Curious")


def test_a_deleted_account_is_not_found(district, district_admin):
    gone = UserFactory(erased_at=timezone.now())
    MembershipFactory(user=gone, organization=district, role=Role.EARNER)

    with pytest.raises(services.RecordProblem):
        services.open_record(district, by=district_admin, email=gone.email, reason="Check")
