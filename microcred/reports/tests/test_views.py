"""The pages and downloads: certificates from the badge page and the backpack, the
transcript form, the educators page of a district admin, and every refusal."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory
from microcred.credentials.issuing import services as credentials
from microcred.reports.tests.factories import award_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return award_on(earner, date(2025, 3, 4), issuer=issuer, issuer_admin=issuer_admin,
                    credit=("0.5", "state credit", "Summit State"), title="Wait Time")  # fmt: skip


def _certificate(award):
    return reverse("reports:certificate", args=[award.public_id])


def _transcript(**query):
    return reverse("reports:transcript"), query


def _educator_transcript(district, earner):
    return reverse("reports:educator_transcript", args=[district.slug, earner.pk])


# -- Certificates ---------------------------------------------------------------------------


def test_the_earner_downloads_the_certificate_as_a_pdf(client, award, earner):
    client.force_login(earner)
    response = client.get(_certificate(award))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="certificate-{award.public_id}.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_the_badge_page_offers_the_certificate_to_its_earner(client, award, earner):
    client.force_login(earner)
    response = client.get(award.get_absolute_url())
    assert _certificate(award) in response.content.decode()


def test_the_badge_page_offers_no_certificate_to_a_visitor(client, award):
    response = client.get(award.get_absolute_url())
    assert _certificate(award) not in response.content.decode()


def test_the_backpack_links_each_earned_award_to_its_certificate(client, award, earner):
    client.force_login(earner)
    page = client.get(reverse("backpack:home")).content.decode()
    assert _certificate(award) in page
    assert reverse("reports:transcript") in page


@pytest.mark.parametrize("persona", ["issuer_admin", "district_admin"])
def test_the_issuers_and_the_districts_admins_download_the_certificate(
    client, award, persona, request
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_certificate(award)).status_code == 200


def test_someone_elses_certificate_is_refused_with_a_clear_page(client, award, outsider):
    client.force_login(outsider)
    response = client.get(_certificate(award))
    assert response.status_code == 403
    assert "Only the earner and their administrators" in response.content.decode()


def test_another_districts_admin_cannot_download_the_certificate(client, award, other_district):
    admin = MembershipFactory(organization=other_district, role=Role.ORG_ADMIN).user
    client.force_login(admin)
    assert client.get(_certificate(award)).status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in_for_a_certificate(client, award):
    response = client.get(_certificate(award))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unknown_certificate_is_not_found(client, earner):
    client.force_login(earner)
    url = reverse("reports:certificate", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


def test_a_revoked_awards_certificate_is_still_issued_marked_revoked(
    client, award, earner, issuer_admin
):
    credentials.revoke(award, by=issuer_admin, reason="Evidence was copied.")
    client.force_login(earner)
    response = client.get(_certificate(award))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


# -- The earner's transcript ------------------------------------------------------------------


def test_the_transcript_form_opens_with_the_last_five_years(client, earner):
    client.force_login(earner)
    response = client.get(reverse("reports:transcript"))
    assert response.status_code == 200
    assert 'type="date"' in response.content.decode()
    initial = response.context["form"].initial
    assert initial["end"] == timezone.localdate()
    assert initial["start"].year == initial["end"].year - 5


def test_the_transcript_shows_on_the_page_with_its_totals(client, award, earner):
    client.force_login(earner)
    url, query = _transcript(start="2025-01-01", end="2025-12-31", format="html")
    page = client.get(url, query).content.decode()
    assert "Wait Time" in page
    assert "0.5 state credit" in page


def test_the_transcript_downloads_as_pdf(client, award, earner):
    client.force_login(earner)
    url, query = _transcript(start="2025-01-01", end="2025-12-31", format="pdf")
    response = client.get(url, query)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "transcript-" in response["Content-Disposition"]


def test_the_transcript_downloads_as_a_csv_that_parses(client, award, earner):
    client.force_login(earner)
    url, query = _transcript(start="2025-01-01", end="2025-12-31", format="csv")
    response = client.get(url, query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["title"] == "Wait Time"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2025-06-01", "end": "2025-05-01"}, "The end date is before the start date."),
        ({"start": "1990-01-01", "end": "2040-01-01"}, "A transcript covers at most 10 years"),
        ({"start": "2025-02-30", "end": "2025-03-01"}, "Enter a real date as YYYY-MM-DD"),
        ({"start": "yesterday", "end": "2025-03-01"}, "Enter a real date as YYYY-MM-DD"),
        ({"start": "2025-01-01", "end": ""}, "Enter a date."),
        ({"start": "2025-01-01", "end": "2025-03-01", "format": "xlsx"}, "Choose one of the"),
        ({"start": "99999-01-01", "end": "2025-03-01"}, "Enter a real date as YYYY-MM-DD"),
        (
            {"start": "9999-12-01", "end": "9999-12-31"},
            "Choose dates from 0001-01-02 to 9999-12-30",
        ),
        (
            {"start": "0001-01-01", "end": "0001-01-05"},
            "Choose dates from 0001-01-02 to 9999-12-30",
        ),
    ],
)
def test_bad_transcript_requests_get_a_clear_message(client, earner, query, message):
    client.force_login(earner)
    response = client.get(reverse("reports:transcript"), query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_signed_out_visitor_is_sent_to_sign_in_for_a_transcript(client):
    response = client.get(reverse("reports:transcript"), {"start": "2025-01-01"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# -- District and state admins ----------------------------------------------------------------


def test_the_district_admin_sees_counts_by_school_and_no_names(
    client, award, earner, district, district_admin
):
    client.force_login(district_admin)
    response = client.get(reverse("reports:educators", args=[district.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "fewer than 10" in page
    assert earner.name not in page
    assert earner.email not in page
    assert _educator_transcript(district, earner) not in page


def test_the_navigation_leads_a_district_admin_to_the_educators_page(
    client, district, district_admin
):
    client.force_login(district_admin)
    page = client.get(reverse("backpack:home")).content.decode()
    assert reverse("reports:educators", args=[district.slug]) in page


def test_the_district_admin_downloads_an_educators_transcript(
    client, award, earner, district, district_admin
):
    client.force_login(district_admin)
    opened = client.post(
        reverse("reports:open_record", args=[district.slug]),
        {"email": earner.email, "reason": "Recertification check"},
    )
    response = client.get(opened["Location"] + "&start=2025-01-01&end=2025-12-31&format=csv")
    assert response.status_code == 200
    assert "Wait Time" in response.content.decode()


def test_the_district_counts_download_as_csv_with_small_groups_suppressed(
    client, award, earner, district, district_admin
):
    client.force_login(district_admin)
    response = client.get(
        reverse("reports:educators", args=[district.slug]),
        {"start": "2025-01-01", "end": "2025-12-31", "format": "csv"},
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["educators"], r["awards"], r["credit_amount"]) for r in rows] == [
        ("fewer than 10", "", ""),
        ("fewer than 10", "", ""),
    ]
    assert earner.name not in response.content.decode()


def test_a_district_admin_asking_for_an_educator_not_theirs_is_refused(
    client, other_educator, district, district_admin
):
    client.force_login(district_admin)
    response = client.get(_educator_transcript(district, other_educator))
    assert response.status_code == 403
    assert f"{other_educator.name} is not an educator of {district.name}" in (
        response.content.decode()
    )


def test_a_district_admin_cannot_see_another_districts_educators(
    client, other_district, district_admin
):
    client.force_login(district_admin)
    response = client.get(reverse("reports:educators", args=[other_district.slug]))
    assert response.status_code == 403


def test_an_earner_cannot_open_the_educators_page(client, earner, district):
    client.force_login(earner)
    assert client.get(reverse("reports:educators", args=[district.slug])).status_code == 403


def test_an_earner_cannot_pull_a_colleagues_transcript_through_the_district(
    client, earner, district
):
    colleague = MembershipFactory(organization=district, role=Role.EARNER).user
    client.force_login(earner)
    assert client.get(_educator_transcript(district, colleague)).status_code == 403


def test_a_bad_range_on_the_educators_page_gets_a_clear_message(client, district, district_admin):
    client.force_login(district_admin)
    response = client.get(
        reverse("reports:educators", args=[district.slug]),
        {"start": "1970-01-01", "end": "2025-01-01"},
    )
    assert response.status_code == 400
    assert "at most 10 years" in response.content.decode()


def test_an_unknown_organization_or_educator_is_not_found(client, earner, district,
                                                           district_admin):  # fmt: skip
    client.force_login(district_admin)
    assert client.get(reverse("reports:educators", args=["nowhere"])).status_code == 404
    missing = reverse("reports:educator_transcript", args=[district.slug, 999_999])
    assert client.get(missing).status_code == 404


def test_the_state_admin_sees_the_educators_of_its_districts(
    client, earner, district, state, state_admin
):
    district.parent = state
    district.save(update_fields=["parent"])
    client.force_login(state_admin)
    page = client.get(reverse("reports:educators", args=[state.slug])).content.decode()
    assert district.name in page
    assert earner.name not in page


def test_the_organizations_page_lists_what_an_admin_administers(client, district, district_admin):
    client.force_login(district_admin)
    page = client.get(reverse("reports:organizations")).content.decode()
    assert reverse("reports:educators", args=[district.slug]) in page


def test_the_organizations_page_is_refused_to_an_earner(client, earner):
    client.force_login(earner)
    assert client.get(reverse("reports:organizations")).status_code == 403
