"""Work anyone may ask for without an account is bounded: credentials per presentation,
and requests per address and from everyone, counted in the shared cache."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.credentials.formats import documents

from .factories import signed_award

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.PUBLIC_WORK_PER_ADDRESS = 2
    settings.PUBLIC_WORK_OVERALL = 3
    return settings


def post(client, path, body, **extra):
    return client.post(path, data=json.dumps(body), content_type="application/json", **extra)


def presentation_of(credentials) -> dict:
    return {
        "verifiablePresentation": {
            "@context": [documents.VC_V2],
            "type": ["VerifiablePresentation"],
            "verifiableCredential": credentials,
        }
    }


def test_a_presentation_over_the_cap_answers_413_before_anything_is_verified(
    client, award, settings
):
    settings.CREDENTIALS_MAX_PER_PRESENTATION = 2
    credential = json.loads(award.credential_json)

    within = post(client, "/presentations/verify", presentation_of([credential] * 2))
    over = post(client, "/presentations/verify", presentation_of([credential] * 3))

    assert within.status_code == 200
    assert over.status_code == 413
    assert over["Content-Type"] == "application/problem+json"
    assert over.json()["detail"].startswith(
        "This holds 3 credentials; this verifier checks at most 2 at once."
    )


def test_a_presentation_over_the_cap_dropped_on_the_verifier_page_says_so(client, award, settings):
    settings.CREDENTIALS_MAX_PER_PRESENTATION = 2
    credential = json.loads(award.credential_json)
    body = json.dumps(presentation_of([credential] * 3)["verifiablePresentation"]).encode()

    response = client.post(
        reverse("credentials:verify"), {"file": SimpleUploadedFile("p.json", body)}
    )

    assert "This holds 3 credentials; this verifier checks at most 2 at once." in response.text
    assert response.context["result"].credentials == []


def test_one_address_past_its_limit_waits_with_a_problem_and_retry_after(client, award, limits):
    credential = {"verifiableCredential": json.loads(award.credential_json)}

    answers = [post(client, "/credentials/verify", credential) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    refused = answers[-1]
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["status"] == 429
    assert "try again in" in refused.json()["detail"]


def test_another_address_is_not_held_back_by_one_that_hit_its_limit(client, award, limits):
    credential = {"verifiableCredential": json.loads(award.credential_json)}
    for _ in range(3):
        post(client, "/credentials/verify", credential, REMOTE_ADDR="203.0.113.5")

    answer = post(client, "/credentials/verify", credential, REMOTE_ADDR="198.51.100.7")

    assert answer.status_code == 200


def test_everyone_together_past_the_overall_limit_waits(client, award, limits):
    credential = {"verifiableCredential": json.loads(award.credential_json)}
    answers = [
        post(client, "/credentials/verify", credential, REMOTE_ADDR=f"198.51.100.{n}")
        for n in range(4)
    ]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert "Many people are asking for this at once" in answers[-1].json()["detail"]


def test_the_client_address_is_read_behind_our_own_proxies_only(client, award, limits):
    limits.TRUSTED_PROXY_COUNT = 1
    credential = {"verifiableCredential": json.loads(award.credential_json)}
    for n in range(3):
        # A forged entry on the left changes nothing: the proxy's entry is the client.
        post(
            client,
            "/credentials/verify",
            credential,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5",
        )

    answer = post(
        client, "/credentials/verify", credential, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5"
    )

    assert answer.status_code == 429


def test_the_verifier_page_past_the_limit_answers_a_readable_page(client, limits):
    for _ in range(2):
        client.post(reverse("credentials:verify"), {"credential": "{}"})

    response = client.post(reverse("credentials:verify"), {"credential": "{}"})

    assert response.status_code == 429
    assert "Retry-After" in response
    assert "try again in" in response.text
    assert "<form" in response.text


def test_looking_at_the_verifier_page_is_not_counted(client, limits):
    for _ in range(5):
        assert client.get(reverse("credentials:verify")).status_code == 200


def test_presentations_share_the_limit_of_credentials(client, award, limits):
    credential = json.loads(award.credential_json)
    post(client, "/credentials/verify", {"verifiableCredential": credential})
    post(client, "/presentations/verify", presentation_of([credential]))

    answer = post(client, "/presentations/verify", presentation_of([credential]))

    assert answer.status_code == 429


def test_baked_badge_downloads_are_limited_too(client, award, limits):
    url = reverse("credentials:ob3_baked_svg", args=[award.public_id])

    answers = [client.get(url).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
