"""A credential of ours is verified once and then answered from the cache until something
it depends on changes; another issuer's credential is verified the full way every time."""

import copy
import json
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from microcred.credentials.formats import data_integrity, status_list
from microcred.credentials.issuing import keys, services
from microcred.credentials.verification import cache, resolver, verify

from .factories import signed_award
from .test_verify import _minimal, _Response

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


# -- Another issuer's status list ----------------------------------------------------------

LIST_URL = "https://badges.example.org/status/1"


class _OutsideIssuer:
    """An issuer elsewhere (did:key) with a credential at index 7 of its status list, which
    it serves over HTTPS and can change."""

    def __init__(self):
        self.private = keys.new_ed25519()
        multikey = keys.ed25519_multikey(self.private.public_key())
        self.did = f"did:key:{multikey}"
        self.method = f"{self.did}#{multikey}"
        self.served = self.status_list(revoked=False)
        document = _minimal(self.did)
        document["credentialStatus"] = {
            "id": f"{LIST_URL}#7",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "7",
            "statusListCredential": LIST_URL,
        }
        self.credential = self.sign(document)

    def sign(self, document):
        return data_integrity.sign(
            document, self.private, verification_method=self.method, created="2026-01-01T00:00:00Z"
        )

    def status_list(self, *, revoked: bool, **subject) -> dict:
        bits = status_list.set_bit(status_list.empty(), 7, revoked)
        return self.sign(
            {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "id": LIST_URL,
                "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                "issuer": self.did,
                "validFrom": "2026-01-01T00:00:00Z",
                "credentialSubject": {
                    "id": f"{LIST_URL}#list",
                    "type": "BitstringStatusList",
                    "statusPurpose": "revocation",
                    "encodedList": status_list.encode(bits),
                    **subject,
                },
            }
        )


@pytest.fixture
def outside(monkeypatch):
    """The outside issuer, its status list answered in place of HTTPS (the edge faked)."""
    issuer = _OutsideIssuer()
    fetched = []

    def get(url, **kwargs):
        fetched.append(url)
        return _Response(issuer.served)

    monkeypatch.setattr(resolver, "_refuse_private", lambda host, port: None)
    monkeypatch.setattr(resolver.requests, "get", get)
    issuer.fetched = fetched
    return issuer


def test_an_unchanged_status_list_is_read_every_time_and_its_proof_checked_once(
    outside, proof_checks
):
    results = [verify.verify_credential(outside.credential) for _ in range(3)]

    assert all(result.verified and not result.revoked for result in results)
    assert outside.fetched == [LIST_URL] * 3
    assert proof_checks.count(LIST_URL) == 1
    assert proof_checks.count(outside.credential["id"]) == 3


def test_another_issuers_revocation_shows_at_once(outside, proof_checks):
    assert not verify.verify_credential(outside.credential).revoked

    outside.served = outside.status_list(revoked=True)
    result = verify.verify_credential(outside.credential)

    assert result.revoked
    assert not result.verified
    assert proof_checks.count(LIST_URL) == 2


def test_a_status_list_changed_without_its_issuer_fails_every_time(outside):
    verify.verify_credential(outside.credential)
    forged = copy.deepcopy(outside.served)
    forged["credentialSubject"]["encodedList"] = outside.status_list(revoked=True)[
        "credentialSubject"
    ]["encodedList"]
    outside.served = forged

    results = [verify.verify_credential(outside.credential) for _ in range(2)]

    for result in results:
        assert not result.verified
        assert "the status list's own signature does not verify" in result.check("status").message


def test_a_status_lists_proof_is_checked_again_after_its_time(outside, proof_checks, settings):
    settings.CREDENTIALS_STATUS_LIST_CACHE_SECONDS = 60
    with time_machine.travel(timezone.now(), tick=False) as clock:
        verify.verify_credential(outside.credential)
        clock.shift(timedelta(seconds=59))
        verify.verify_credential(outside.credential)
        assert proof_checks.count(LIST_URL) == 1

        clock.shift(timedelta(seconds=2))
        verify.verify_credential(outside.credential)

    assert proof_checks.count(LIST_URL) == 2


def test_a_status_lists_own_ttl_and_end_shorten_the_time(outside, settings):
    settings.CREDENTIALS_STATUS_LIST_CACHE_SECONDS = 300
    soon = (timezone.now() + timedelta(seconds=30)).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert cache._list_lifetime(outside.status_list(revoked=False)) == 300
    assert cache._list_lifetime(outside.status_list(revoked=False, ttl=5000)) == 5
    assert 0 < cache._list_lifetime({**outside.served, "validUntil": soon}) <= 30
    assert cache._list_lifetime({**outside.served, "validUntil": "2020-01-01T00:00:00Z"}) == 0


def test_a_status_list_past_its_end_has_its_proof_checked_every_time(outside, proof_checks):
    document = outside.status_list(revoked=False)
    del document["proof"]
    outside.served = outside.sign({**document, "validUntil": "2026-01-02T00:00:00Z"})

    for _ in range(2):
        verify.verify_credential(outside.credential)

    assert proof_checks.count(LIST_URL) == 2
