"""Transcripts of credits: which awards a date range holds, the totals by unit and by
authority, the date-range rule, and the CSV a spreadsheet opens."""

from __future__ import annotations

import csv
import io
from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory
from microcred.credentials.issuing import services as credentials
from microcred.reports import selectors, services, transcript_files
from microcred.reports.selectors import AuthorityTotal, UnitTotal
from microcred.reports.tests.factories import award_on

pytestmark = pytest.mark.django_db

STATE = "Summit State Department of Education"
COLLEGE = "Lakeview College, Graduate Studies"


@pytest.fixture
def mixed(earner, issuer, issuer_admin):
    """Five awards in 2025 in three units from two authorities, one without credit."""
    on = {"issuer": issuer, "issuer_admin": issuer_admin}
    return [
        award_on(earner, date(2025, 1, 10), credit=("0.5", "state credit", STATE), **on),
        award_on(earner, date(2025, 2, 10), credit=("0.5", "state credit", STATE), **on),
        award_on(earner, date(2025, 3, 10), credit=("10", "clock hours", STATE), **on),
        award_on(earner, date(2025, 4, 10), credit=("1", "graduate credit", COLLEGE), **on),
        award_on(earner, date(2025, 5, 10), credit=("0", "state credit", STATE), **on),
    ]


def _transcript(earner, start=date(2025, 1, 1), end=date(2025, 12, 31)):
    return services.transcript(earner, by=earner, start=start, end=end)


def test_totals_are_kept_per_unit_never_added_across_units(earner, mixed):
    assert _transcript(earner).by_unit == [
        UnitTotal("clock hours", Decimal("10")),
        UnitTotal("graduate credit", Decimal("1")),
        UnitTotal("state credit", Decimal("1.0")),
    ]


def test_totals_by_authority_are_split_by_unit(earner, mixed):
    assert _transcript(earner).by_authority == [
        AuthorityTotal(COLLEGE, "graduate credit", Decimal("1")),
        AuthorityTotal(STATE, "clock hours", Decimal("10")),
        AuthorityTotal(STATE, "state credit", Decimal("1.0")),
    ]


def test_every_award_in_the_range_is_listed_oldest_first_with_its_credit(earner, mixed):
    lines = _transcript(earner).lines
    assert [line.date for line in lines] == [
        date(2025, 1, 10),
        date(2025, 2, 10),
        date(2025, 3, 10),
        date(2025, 4, 10),
        date(2025, 5, 10),
    ]
    assert lines[2].credit.amount == Decimal("10")
    assert lines[2].credit.unit == "clock hours"
    assert not lines[4].credit.counts


def test_both_ends_of_the_range_are_included_to_the_minute(earner, issuer, issuer_admin):
    on = {"issuer": issuer, "issuer_admin": issuer_admin}
    first = award_on(earner, date(2025, 3, 1), at=time(0, 0), **on)
    last = award_on(earner, date(2025, 3, 31), at=time(23, 59), **on)
    award_on(earner, date(2025, 2, 28), at=time(23, 59), **on)
    award_on(earner, date(2025, 4, 1), at=time(0, 0), **on)
    lines = _transcript(earner, date(2025, 3, 1), date(2025, 3, 31)).lines
    assert [line.award for line in lines] == [first, last]


def test_a_one_day_range_holds_that_day(earner, mixed):
    lines = _transcript(earner, date(2025, 3, 10), date(2025, 3, 10)).lines
    assert [line.date for line in lines] == [date(2025, 3, 10)]


def test_a_revoked_award_is_listed_apart_and_not_counted(earner, mixed, issuer_admin):
    credentials.revoke(mixed[2], by=issuer_admin, reason="Evidence was copied.")
    transcript = _transcript(earner)
    assert [line.award for line in transcript.revoked] == [mixed[2]]
    assert mixed[2] not in [line.award for line in transcript.lines]
    assert "clock hours" not in [t.unit for t in transcript.by_unit]


def test_other_earners_awards_are_not_on_the_transcript(earner, other_educator, issuer,
                                                         issuer_admin):  # fmt: skip
    award_on(other_educator, date(2025, 6, 1), issuer=issuer, issuer_admin=issuer_admin)
    assert _transcript(earner).lines == []


# -- The date-range rule --------------------------------------------------------------------


def test_an_end_before_the_start_is_refused(earner):
    with pytest.raises(services.InvalidRange, match="end date is before the start date"):
        _transcript(earner, date(2025, 6, 1), date(2025, 5, 31))


def test_a_range_of_fifty_years_is_refused_with_the_latest_end_allowed(earner):
    with pytest.raises(services.InvalidRange, match="at most 10 years.*2035-01-01"):
        _transcript(earner, date(2025, 1, 1), date(2075, 1, 1))


def test_a_range_of_exactly_ten_years_is_allowed(earner, mixed):
    assert len(_transcript(earner, date(2015, 5, 10), date(2025, 5, 10)).lines) == 5


def test_ten_years_from_a_leap_day_ends_on_the_28th_of_february():
    assert services.latest_end(date(2024, 2, 29)) == date(2034, 2, 28)


def test_a_range_starting_near_the_last_representable_year_does_not_overflow():
    assert services.latest_end(date(9995, 1, 1)) == date.max


# -- Who pulls a transcript -----------------------------------------------------------------


def test_an_outsider_cannot_pull_an_earners_transcript(earner, outsider):
    with pytest.raises(PermissionDenied):
        services.transcript(earner, by=outsider, start=date(2025, 1, 1), end=date(2025, 2, 1))


def test_the_district_admin_pulls_the_transcript_of_an_educator_of_the_district(
    earner, mixed, district, district_admin
):
    transcript = services.transcript(
        earner, by=district_admin, start=date(2025, 1, 1), end=date(2025, 12, 31),
        organization=district,
    )  # fmt: skip
    assert len(transcript.lines) == 5


def test_a_district_admin_cannot_pull_the_transcript_of_another_districts_educator(
    other_educator, district, district_admin
):
    with pytest.raises(PermissionDenied, match="not an educator"):
        services.transcript(
            other_educator, by=district_admin, start=date(2025, 1, 1), end=date(2025, 2, 1),
            organization=district,
        )  # fmt: skip


def test_the_state_admin_pulls_transcripts_of_educators_in_the_states_districts(
    earner, mixed, district, state, state_admin
):
    district.parent = state
    district.save(update_fields=["parent"])
    transcript = services.transcript(
        earner, by=state_admin, start=date(2025, 1, 1), end=date(2025, 12, 31), organization=state
    )
    assert len(transcript.lines) == 5


def test_an_educator_who_left_the_district_is_no_longer_its_admins_to_see(
    earner, district, district_admin
):
    earner.memberships.filter(organization=district).update(is_active=False)
    with pytest.raises(PermissionDenied):
        services.transcript(
            earner, by=district_admin, start=date(2025, 1, 1), end=date(2025, 2, 1),
            organization=district,
        )  # fmt: skip


def test_an_issuers_org_admin_is_no_district_admin(earner, issuer, org_admin):
    MembershipFactory(user=earner, organization=issuer, role=Role.EARNER)
    with pytest.raises(PermissionDenied):
        services.transcript(
            earner, by=org_admin, start=date(2025, 1, 1), end=date(2025, 2, 1),
            organization=issuer,
        )  # fmt: skip


def test_the_summary_lists_every_educator_with_their_totals(
    earner, mixed, district, district_admin
):
    quiet = MembershipFactory(organization=district, role=Role.EARNER).user
    summary = selectors.summary(district, date(2025, 1, 1), date(2025, 12, 31))
    assert {e.earner for e in summary.educators} == {earner, quiet}
    assert summary.award_count == 5
    assert UnitTotal("state credit", Decimal("1.0")) in summary.by_unit


# -- The CSV --------------------------------------------------------------------------------


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_parses_back_to_the_same_awards_and_totals(earner, mixed):
    rows = _rows(transcript_files.csv_text(_transcript(earner)))
    awards = [r for r in rows if r["record"] == "award"]
    assert [(r["date"], r["credit_amount"], r["credit_unit"]) for r in awards] == [
        ("2025-01-10", "0.5", "state credit"),
        ("2025-02-10", "0.5", "state credit"),
        ("2025-03-10", "10", "clock hours"),
        ("2025-04-10", "1", "graduate credit"),
        ("2025-05-10", "", ""),
    ]
    units = {r["credit_unit"]: r["credit_amount"] for r in rows if r["record"] == "total_by_unit"}
    assert units == {"clock hours": "10", "graduate credit": "1", "state credit": "1"}
    assert awards[0]["verification_url"].endswith(f"/badges/{mixed[0].public_id}/")


def test_a_title_that_looks_like_a_formula_is_written_as_text(earner, issuer, issuer_admin):
    award_on(
        earner,
        date(2025, 1, 10),
        issuer=issuer,
        issuer_admin=issuer_admin,
        title='=HYPERLINK("http://evil.example","Click")',
        credit=("1", "+CPD", "@State Board"),
    )
    (row, *_totals) = _rows(transcript_files.csv_text(_transcript(earner)))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["credit_unit"] == "'+CPD"
    assert row["credit_authority"] == "'@State Board"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_every_formula_prefix_is_neutralised(value):
    assert transcript_files.safe_cell(value) == "'" + value


def test_ordinary_text_and_numbers_are_left_alone():
    assert transcript_files.safe_cell("Ångström 0.5") == "Ångström 0.5"


def test_the_transcript_pdf_holds_the_awards_and_the_totals(earner, mixed):
    pdf = transcript_files.pdf(_transcript(earner))
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert earner.name in text
    assert "Totals by unit" in text
    assert "clock hours" in text
    assert STATE in text
