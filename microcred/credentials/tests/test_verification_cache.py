"""A credential of ours is verified once and then answered from the cache until something
it depends on changes; another issuer's credential is verified the full way every time."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from microcred.credentials.formats import data_integrity
from microcred.credentials.issuing import keys, services
from microcred.credentials.verification import cache, verify

from .factories import signed_award
from .test_verify import _minimal

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def proof_checks(monkeypatch):
    """How many proofs were checked: the real check, counted."""
    calls = []
    real = data_integrity.verify

    def counted(*args, **kwargs):
        calls.append(args[0].get("id"))
        return real(*args, **kwargs)

    monkeypatch.setattr(data_integrity, "verify", counted)
    return calls


def test_a_second_view_of_a_badge_page_checks_no_proof(client, award, proof_checks):
    first = client.get(award.get_absolute_url())
    checked = len(proof_checks)

    second = client.get(award.get_absolute_url())

    assert checked >= 1
    assert len(proof_checks) == checked
    assert first.context["result"].verified
    assert second.context["result"].verified
    assert [c.name for c in second.context["result"].checks] == [
        c.name for c in first.context["result"].checks
    ]


def test_a_revocation_shows_at_once(client, award, issuer_admin, proof_checks):
    client.get(award.get_absolute_url())

    services.revoke(award, by=issuer_admin, reason="The evidence was not the earner's own.")
    response = client.get(award.get_absolute_url())

    assert response.context["result"].revoked
    assert not response.context["result"].verified


def test_the_vc_api_answers_the_same_credential_again_without_checking_its_proof(
    client, award, proof_checks
):
    body = json.dumps({"verifiableCredential": json.loads(award.credential_json)})
    url = reverse("credentials:api_verify_credential")
    first = client.post(url, body, content_type="application/json")
    checked = len(proof_checks)

    second = client.post(url, body, content_type="application/json")

    assert first.json() == second.json()
    assert first.json()["verified"]
    assert len(proof_checks) == checked


def test_a_changed_credential_is_verified_anew_and_fails(award, proof_checks):
    credential = json.loads(award.credential_json)
    verify.verify_credential(credential)
    credential["name"] = "Something else"

    result = verify.verify_credential(credential)

    assert not result.verified
    assert proof_checks.count(credential["id"]) == 2


def test_another_issuers_credential_is_verified_the_full_way_every_time(proof_checks):
    private = keys.new_ed25519()
    multikey = keys.ed25519_multikey(private.public_key())
    did = f"did:key:{multikey}"
    signed = data_integrity.sign(
        _minimal(did),
        private,
        verification_method=f"{did}#{multikey}",
        created="2026-01-01T00:00:00Z",
    )

    results = [verify.verify_credential(signed) for _ in range(2)]

    assert all(result.verified for result in results)
    assert len(proof_checks) == 2


def test_a_credential_not_yet_valid_is_not_kept_and_one_expiring_not_past_its_end(award):
    credential = json.loads(award.credential_json)
    credential["validFrom"] = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert cache._lifetime(credential) == 0
    credential["validFrom"] = "2020-01-01T00:00:00Z"
    credential["validUntil"] = (timezone.now() + timedelta(seconds=30)).isoformat()
    assert 0 < cache._lifetime(credential) <= 30
