"""What a stack leads to, and the hours of learning, on the records an office files."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from microcred.credentials.tests.factories import earned_stack, signed_award
from microcred.reports import certificate

pytestmark = pytest.mark.django_db

ENDORSEMENT = "the Reading Specialist endorsement"


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


@pytest.fixture
def stack_award(earner, issuer, issuer_admin):
    _parts, award = earned_stack(
        earner,
        issuer_admin=issuer_admin,
        issuer=issuer,
        title="Foundations of Reading",
        endorsement=ENDORSEMENT,
        version_kwargs={"estimated_hours": 7},
    )
    return award


def test_a_stacks_certificate_names_what_it_leads_to_and_its_hours(stack_award):
    text = _text(certificate.render(stack_award))

    assert f"This stack leads to {ENDORSEMENT}." in text
    assert "14 hours of professional learning" in text


def test_a_micro_credentials_certificate_states_its_hours(earner, issuer, issuer_admin):
    award = signed_award(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, estimated_hours=1
    )

    text = _text(certificate.render(award))

    assert "1 hour of professional learning" in text
    assert "leads to" not in text


def _transcript_query(format):
    today = timezone.localdate().isoformat()
    return {"start": today, "end": today, "format": format}


def test_the_transcript_page_names_what_a_stack_leads_to(client, earner, stack_award):
    client.force_login(earner)

    page = client.get(reverse("reports:transcript"), _transcript_query("html")).text

    assert "Foundations of Reading" in page
    assert f"Leads to {ENDORSEMENT}" in page


def test_the_transcript_pdf_names_what_a_stack_leads_to(client, earner, stack_award):
    client.force_login(earner)

    response = client.get(reverse("reports:transcript"), _transcript_query("pdf"))

    assert f"leads to {ENDORSEMENT}" in _text(response.content)
