"""Counts in proper English: one hour, one use, one continuing education unit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from microcred.catalog.counts import amount_with_unit, hours_text
from microcred.catalog.tests.factories import published_version
from microcred.payments import services as payments


@pytest.mark.parametrize(
    ("amount", "unit", "said"),
    [
        ("1", "continuing education units", "1 continuing education unit"),
        ("2", "continuing education units", "2 continuing education units"),
        ("1.00", "CPD credit", "1 CPD credit"),
        ("0.5", "state recertification credit", "0.5 state recertification credits"),
        ("1", "clock hours", "1 clock hour"),
        ("1", "CEUs", "1 CEU"),
        ("3", "CEU", "3 CEUs"),
        ("1", "hours of class", "1 hours of class"),
        ("2", "", "2"),
    ],
)
def test_an_amount_of_credit_is_said_with_its_unit_in_the_right_number(amount, unit, said):
    assert amount_with_unit(Decimal(amount), unit) == said


@pytest.mark.parametrize(
    ("hours", "said"), [("1", "1 hour"), ("1.5", "1.5 hours"), ("12", "12 hours")]
)
def test_hours_are_said_in_the_right_number(hours, said):
    assert hours_text(Decimal(hours)) == said


@pytest.mark.django_db
def test_catalog_and_micro_credential_pages_say_one_hour_and_one_unit(client, issuer, issuer_admin):
    version = published_version(
        issuer_admin,
        micro_credential__issuer=issuer,
        title="Exit Tickets",
        estimated_hours=1,
        credit_amount=Decimal("1"),
        credit_unit="continuing education units",
    )

    for url in (reverse("catalog:index"), version.get_absolute_url()):
        page = client.get(url).text
        assert "About 1 hour<" in page
        assert "1 continuing education unit<" in page or "1 continuing education unit," in page
        assert "1 continuing education units" not in page


@pytest.mark.django_db
def test_the_fees_page_says_one_code_and_one_use(client, issuer, issuer_admin):
    payments.create_voucher_batch(issuer, by=issuer_admin, name="Pilot", count=1)
    client.force_login(issuer_admin)

    page = client.get(reverse("payments:fees", args=[issuer.slug])).text

    assert "1 code, 0 uses" in page
