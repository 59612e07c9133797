"""Right after load_demo: every award has its certificate, every earner a transcript, and
the demo district and state admins pull their educators' transcripts."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from microcred.accounts.models import Organization, User
from microcred.catalog.counts import amount_with_unit
from microcred.credentials.models import Award, AwardKind
from microcred.demo import loader
from microcred.demo.content import organizations
from microcred.demo.tests.test_load_demo import printed  # noqa: F401 (loads the demo)
from microcred.reports import certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("printed")]


def _text(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def _user(key: str) -> User:
    return User.objects.get(email=loader.email(key))


def test_every_demo_award_has_a_certificate_with_its_credit():
    awards = Award.objects.select_related("earner", "issuer", "version", "stack")
    assert awards.count() >= 10
    for award in awards:
        text = _text(certificate.render(award))
        assert award.earner.name in text
        assert award.title.split()[0] in text
        if award.kind == AwardKind.STACK:
            assert "No credit of its own" in text
        else:
            credit = amount_with_unit(award.version.credit_amount, award.version.credit_unit)
            assert credit in text
            assert f"Approved by {award.version.credit_authority}" in text


def test_every_demo_earner_with_an_award_has_a_transcript_with_credit(client):
    today = reverse("reports:transcript")
    for earner in User.objects.filter(awards__isnull=False).distinct():
        client.force_login(earner)
        response = client.get(today, {"format": "csv"})
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert any(r["record"] == "award" for r in rows), earner
        assert any(r["record"] == "total_by_unit" for r in rows), earner


def test_the_demo_district_admin_opens_an_educators_record_for_a_reason(client):
    district = Organization.objects.get(slug=organizations.RIVERBEND)
    client.force_login(_user("district-admin"))
    maya = _user("earner")
    page = client.get(reverse("reports:educators", args=[district.slug])).content.decode()
    assert maya.name not in page
    opened = client.post(
        reverse("reports:open_record", args=[district.slug]),
        {"email": maya.email, "reason": "Recertification check"},
    )
    response = client.get(opened["Location"] + "&format=pdf")
    assert response.status_code == 200
    assert maya.name in _text(response.content)
    other = _user("earner2")  # teaches in Cedar Hollow
    refused = client.post(
        reverse("reports:open_record", args=[district.slug]),
        {"email": other.email, "reason": "Recertification check"},
    )
    assert refused.status_code == 400


def test_the_demo_state_admin_sees_both_districts_counted(client):
    client.force_login(_user("state-admin"))
    page = client.get(reverse("reports:educators", args=[organizations.STATE])).content.decode()
    assert _user("earner").name not in page
    assert "Riverbend" in page
    assert "Cedar Hollow" in page


def test_the_command_says_where_transcripts_are_and_prints_the_admins_sign_ins(request):
    output = request.getfixturevalue("printed")
    assert reverse("reports:transcript") in output
    assert loader.email("district-admin") in output
    assert loader.email("state-admin") in output
