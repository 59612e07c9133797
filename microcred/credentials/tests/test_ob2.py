"""Open Badges 2.0 hosted assertions, badge classes, issuers and revocation lists, checked
with 1EdTech's Open Badges 2.0 validator."""

import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from microcred.catalog.tests.factories import StackFactory, add_to_stack
from microcred.credentials.formats import ob2, ob3
from microcred.credentials.issuing import services
from microcred.credentials.models import Award, AwardKind
from microcred.submissions.tests.factories import enrollment_for

from .factories import met_submission, signed_award
from .ob2_validator import errors, passes

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


def _get(client, url):
    return client.get(url.removeprefix(ob3.absolute("")))


def test_the_hosted_assertion_passes_the_open_badges_2_validator(award, ob2_validator):
    result = ob2_validator(ob2.assertion_url(award))

    assert errors(result) == []
    assert passes(result)
    assert ob2.badge_class_url(award) in ob2_validator.adapter.requested
    assert ob2.issuer_url(award.issuer) in ob2_validator.adapter.requested


def test_a_stack_award_passes_the_validator(earner, issuer, issuer_admin, ob2_validator):
    first, second = (
        enrollment_for(earner, issuer_admin=issuer_admin, fee=0, micro_credential__issuer=issuer)
        for _ in range(2)
    )
    add_to_stack(StackFactory(issuer=issuer), first.micro_credential, second.micro_credential)
    met_submission(earner, issuer_admin=issuer_admin, enrollment=first)
    met_submission(earner, issuer_admin=issuer_admin, enrollment=second)
    stack_award = Award.objects.get(kind=AwardKind.STACK)

    result = ob2_validator(ob2.assertion_url(stack_award))

    assert errors(result) == []
    assert passes(result)


def test_the_baked_png_passes_the_validator(award, client, ob2_validator):
    png = _get(client, ob2.baked_image_url(award, "png")).content

    result = ob2_validator(_named(png, "badge.png"))

    assert errors(result) == []
    assert passes(result)


def test_the_baked_svg_passes_the_validator(award, client, ob2_validator):
    svg = _get(client, ob2.baked_image_url(award, "svg")).content

    result = ob2_validator(_named(svg, "badge.svg"))

    assert errors(result) == []
    assert passes(result)


def test_a_revoked_award_fails_the_validator(award, issuer_admin, ob2_validator):
    services.revoke(award, by=issuer_admin, reason="The evidence was another teacher's.")

    result = ob2_validator(ob2.assertion_url(award))

    assert not passes(result)


def _named(raw: bytes, name: str):
    handle = io.BytesIO(raw)
    handle.name = name
    return handle


def test_the_assertion_is_hosted_json_ld_naming_the_earner_by_the_same_salted_hash(
    award, client, earner
):
    response = _get(client, ob2.assertion_url(award))

    assert response["Content-Type"] == "application/ld+json"
    assertion = response.json()
    assert assertion["@context"] == "https://w3id.org/openbadges/v2"
    assert assertion["id"] == ob2.assertion_url(award)
    assert assertion["verification"] == {"type": "hosted"}
    salt = award.public_id.hex
    digest = hashlib.sha256((earner.email.lower() + salt).encode()).hexdigest()
    assert assertion["recipient"] == {
        "type": "email",
        "hashed": True,
        "salt": salt,
        "identity": f"sha256${digest}",
    }
    credential = json.loads(award.credential_json)
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == f"sha256${digest}"
    assert earner.email not in response.content.decode()
    assert "revoked" not in assertion


def test_the_badge_class_carries_criteria_image_and_alignments(award, client):
    badge_class = _get(client, ob2.badge_class_url(award)).json()

    assert badge_class["type"] == "BadgeClass"
    assert badge_class["name"] == award.title
    assert "Protocol chosen" in badge_class["criteria"]["narrative"]
    assert badge_class["alignment"][0]["targetCode"] == "2.5.a"
    assert badge_class["issuer"] == ob2.issuer_url(award.issuer)
    image = _get(client, badge_class["image"])
    assert image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")


def test_evidence_is_in_the_assertion_only_when_the_earner_allows_it(
    earner, issuer, issuer_admin, client
):
    submission = met_submission(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    shown = Award.objects.get(submission=submission)
    Award.objects.filter(pk=shown.pk).update(include_evidence=True)
    hidden = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    assertion = _get(client, ob2.assertion_url(shown)).json()

    assert assertion["evidence"][0]["type"] == "Evidence"
    assert assertion["evidence"][0]["narrative"] == "My lesson plan and what happened."
    assert "evidence" not in _get(client, ob2.assertion_url(hidden)).json()


def test_a_revoked_assertion_says_so_and_is_in_the_issuers_revocation_list(
    award, issuer_admin, client
):
    services.revoke(award, by=issuer_admin, reason="The evidence was another teacher's.")

    assertion = _get(client, ob2.assertion_url(award)).json()
    issuer = _get(client, ob2.issuer_url(award.issuer)).json()
    revocations = _get(client, issuer["revocationList"]).json()

    assert assertion["revoked"] is True
    assert assertion["revocationReason"] == ob2.PUBLIC_REVOCATION_REASON
    assert revocations["type"] == "RevocationList"
    assert revocations["revokedAssertions"] == [
        {"id": ob2.assertion_url(award), "revocationReason": ob2.PUBLIC_REVOCATION_REASON}
    ]


def test_the_issuers_reason_for_revoking_stays_off_the_public_documents(
    award, issuer_admin, client
):
    services.revoke(award, by=issuer_admin, reason="The evidence was another teacher's.")

    assertion = _get(client, ob2.assertion_url(award)).content.decode()
    revocations = _get(client, ob2.revocation_list_url(award.issuer)).content.decode()

    assert "another teacher" not in assertion + revocations


def test_an_unknown_award_or_issuer_is_not_found(client, award):
    assert (
        client.get("/badges/00000000-0000-0000-0000-000000000000/assertion.json").status_code == 404
    )
    assert client.get("/issuers/nobody/profile.json").status_code == 404
    assert client.get("/achievements/nothing/1/badgeclass.json").status_code == 404


def test_export_writes_each_awards_assertion_with_its_baked_badge_beside_it(tmp_path, award):
    from django.core.management import call_command

    from microcred.credentials.verification import verify

    call_command("export_credentials", "--format", "ob2", "--out", str(tmp_path))

    assertion = json.loads((tmp_path / f"{award.public_id}.json").read_text())
    png = (tmp_path / f"{award.public_id}.png").read_bytes()
    assert assertion == ob2.hosted_assertion(award)
    result = verify.verify_text(png)
    assert result.verified
    assert result.check("hosted").message == "The baked assertion is the one its issuer hosts."
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{award.public_id}.json",
        f"{award.public_id}.png",
    ]


# -- Only what verifies is offered ------------------------------------------------------------


@pytest.fixture
def private_award(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    return services.set_privacy(award, by=earner, is_public=False, include_evidence=False)


def test_a_private_awards_hosted_assertion_fails_the_validator(private_award, ob2_validator):
    """Why the export leaves it out: 2.0 verification fetches the assertion, which answers
    404 to anyone but the earner and the issuer's admins."""
    result = ob2_validator(ob2.assertion_url(private_award))

    assert not passes(result)


def test_the_export_skips_private_and_revoked_awards_and_says_why(
    tmp_path, award, private_award, issuer, issuer_admin, earner, ob2_validator
):
    revoked = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    services.revoke(revoked, by=issuer_admin, reason="Issued twice.")
    said = io.StringIO()

    call_command("export_credentials", "--format", "ob2", "--out", str(tmp_path), stdout=said)

    output = said.getvalue()
    assert f"Skipped {private_award.public_id}: its badge page is private" in output
    assert f"Skipped {revoked.public_id}: it is revoked" in output
    assert "1 assertion and baked badge written" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{award.public_id}.json",
        f"{award.public_id}.png",
    ]
    exported = json.loads((tmp_path / f"{award.public_id}.json").read_text())
    assert passes(ob2_validator(exported["id"]))


def test_the_badge_page_offers_the_2_0_badge_only_while_it_can_verify(
    client, award, private_award, earner
):
    client.force_login(earner)

    public_page = client.get(award.get_absolute_url()).text
    private_page = client.get(private_award.get_absolute_url()).text

    assert reverse("credentials:ob2_baked_png", args=[award.public_id]) in public_page
    assert reverse("credentials:ob2_baked_png", args=[private_award.public_id]) not in private_page
    assert reverse("credentials:ob2_assertion", args=[private_award.public_id]) not in private_page
    assert "No Open Badges 2.0 badge is offered: its badge page is private" in private_page
    # The 3.0 downloads stay: they verify without the page.
    assert reverse("credentials:ob3_baked_png", args=[private_award.public_id]) in private_page


def test_a_revoked_awards_page_offers_no_2_0_badge(client, award, issuer_admin):
    services.revoke(award, by=issuer_admin, reason="Issued twice.")

    page = client.get(award.get_absolute_url()).text

    assert reverse("credentials:ob2_baked_png", args=[award.public_id]) not in page
    assert "No Open Badges 2.0 badge is offered: it is revoked" in page
