"""The credit certificate: what a recertification office reads on it, as text in the PDF,
on the printed page (rendered and read back by OCR), and in its QR code."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from microcred.credentials.issuing import services as credentials
from microcred.reports import certificate
from microcred.reports.selectors import verification_url
from microcred.reports.tests.factories import award_on

pytestmark = pytest.mark.django_db

ACCENTED = "Zoë Ångström-Núñez"
STATE_CREDIT = ("0.5", "state recertification credit", "Summit State Department of Education")


def _text(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


@pytest.fixture
def award(earner, issuer, issuer_admin):
    earner.name = ACCENTED
    earner.save(update_fields=["name"])
    return award_on(
        earner,
        date(2025, 3, 4),
        issuer=issuer,
        issuer_admin=issuer_admin,
        credit=STATE_CREDIT,
        title="Digital Citizenship Norms",
    )


def test_the_certificate_is_a_one_page_pdf(award):
    reader = PdfReader(io.BytesIO(certificate.render(award)))
    assert len(reader.pages) == 1


def test_the_certificate_text_names_earner_credential_issuer_credit_and_date(award):
    text = _text(certificate.render(award))
    assert ACCENTED in text
    assert "Digital Citizenship Norms" in text
    assert "Lakeside Teaching Institute" in text
    assert "Credit: 0.5 state recertification credits" in text
    assert "Approved by Summit State Department of Education" in text
    assert "March 4, 2025" in text


def test_the_certificate_prints_its_verification_url(award):
    assert verification_url(award) in _text(certificate.render(award))


def test_every_font_the_text_is_set_in_travels_inside_the_pdf(award):
    page = PdfReader(io.BytesIO(certificate.render(award))).pages[0]
    fonts = page["/Resources"]["/Font"]
    used = set(re.findall(rb"(/F[\w+]+) [\d.]+ Tf", page.get_contents().get_data()))
    assert used
    for name in used:
        font = fonts[name.decode()].get_object()
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_a_micro_credential_without_credit_says_it_carries_none(earner, issuer, issuer_admin):
    award = award_on(
        earner,
        date(2025, 3, 4),
        issuer=issuer,
        issuer_admin=issuer_admin,
        credit=("0", "CPD credit", "State Board of Education"),
    )
    text = _text(certificate.render(award))
    assert "No credit: this micro-credential carries no credit." in text
    assert "Approved by" not in text


def test_a_revoked_award_says_revoked_and_claims_no_credit(award, issuer_admin):
    credentials.revoke(award, by=issuer_admin, reason="Evidence was copied.")
    award.refresh_from_db()
    text = _text(certificate.render(award))
    assert "REVOKED on" in text
    assert "no longer counts as earned" in text
    assert "Credit: 0.5" not in text


def test_the_rendered_certificate_shows_the_credit_to_a_reader(award, render_page, ocr, tmp_path):
    image = render_page(certificate.render(award), tmp_path)
    seen = " ".join(ocr(image).split())
    assert "Credit: 0.5 state recertification credits" in seen
    assert "Approved by Summit State Department of Education" in seen
    assert "Digital Citizenship Norms" in seen


def test_the_printed_qr_code_leads_to_the_badge_page(award, render_page, decode_qr, tmp_path):
    image = render_page(certificate.render(award), tmp_path)
    assert decode_qr(image) == [verification_url(award)]
    assert verification_url(award).endswith(f"/badges/{award.public_id}/")
