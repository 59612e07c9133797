"""The pages people see of credentials: badge pages, the verifier, the issuer's page and
the backpack's links to what was earned."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory
from microcred.credentials.issuing import batch_signing, services
from microcred.credentials.models import ApiClient, Award, CredentialAudit
from microcred.credentials.tests.factories import reviewed_submission

pytestmark = pytest.mark.django_db


def _met(earner, issuer_admin, **version):
    """A Met decision reached the real way: evidence submitted, two assessors agree."""
    return Award.objects.get(
        submission=reviewed_submission(earner, issuer_admin=issuer_admin, **version)
    )


@pytest.fixture
def unsigned(earner, issuer, issuer_admin):
    return _met(earner, issuer_admin, micro_credential__issuer=issuer, title="Wait Time")


@pytest.fixture
def award(unsigned):
    batch_signing.sign_pending()
    unsigned.refresh_from_db()
    return unsigned


def _revoke(award, issuer_admin, reason="The evidence was not the earner's own."):
    services.revoke(award, by=issuer_admin, reason=reason)


# -- The badge page ---------------------------------------------------------------------


def test_the_badge_page_of_a_signed_award_says_verified(client, award):
    response = client.get(award.get_absolute_url())

    assert response.status_code == 200
    assert response.context["result"].verified
    page = response.text
    assert "Verified" in page
    assert "Wait Time" in page
    assert "Lakeside Teaching Institute" in page
    for check in ("Signature", "Issuer key", "Status", "Validity"):
        assert check in page


def test_the_badge_page_shows_the_achievement_criteria(client, award):
    page = client.get(award.get_absolute_url()).text

    assert "What was achieved" in page
    assert "Criteria" in page
    assert "**" not in page


def test_the_badge_page_offers_both_downloads(client, award):
    page = client.get(award.get_absolute_url()).text

    json_url = reverse("credentials:badge_credential", args=[award.public_id])
    jwt_url = reverse("credentials:badge_jwt", args=[award.public_id])
    assert f"{json_url}?download=1" in page
    assert f"{jwt_url}?download=1" in page


def test_the_downloaded_json_is_the_signed_credential(client, award):
    response = client.get(
        reverse("credentials:badge_credential", args=[award.public_id]), {"download": "1"}
    )

    assert response["Content-Disposition"] == f'attachment; filename="{award.public_id}.json"'
    assert json.loads(response.content)["proof"]


def test_an_award_not_yet_signed_says_so_and_offers_no_download(client, unsigned):
    response = client.get(unsigned.get_absolute_url())

    assert response.status_code == 200
    assert "being signed" in response.text
    assert "download=1" not in response.text
    json_url = reverse("credentials:badge_credential", args=[unsigned.public_id])
    assert client.get(json_url).status_code == 404


def test_an_unknown_badge_is_not_found(client):
    response = client.get(
        reverse("credentials:badge", args=["0" * 8 + "-0000-0000-0000-" + "0" * 12])
    )

    assert response.status_code == 404


def test_a_revoked_award_says_revoked_to_everyone(client, award, issuer_admin):
    _revoke(award, issuer_admin)

    response = client.get(award.get_absolute_url())

    assert not response.context["result"].verified
    assert response.context["result"].revoked
    assert "Revoked" in response.text
    assert "revoked this credential" in response.text


def test_the_reason_of_a_revocation_is_shown_to_the_earner_only(
    client, award, earner, issuer_admin, outsider
):
    _revoke(award, issuer_admin, reason="Copied from a colleague.")

    anonymous = client.get(award.get_absolute_url()).text
    client.force_login(outsider)
    other = client.get(award.get_absolute_url()).text
    client.force_login(earner)
    own = client.get(award.get_absolute_url()).text

    assert "Copied from a colleague." not in anonymous
    assert "Copied from a colleague." not in other
    assert "Copied from a colleague." in own


def test_the_revoke_form_is_only_for_the_issuers_admins(
    client, award, earner, outsider, issuer_admin
):
    pages = {}
    for person in (earner, outsider, issuer_admin):
        client.force_login(person)
        pages[person.name] = client.get(award.get_absolute_url()).text

    assert "Revoke this credential" not in pages[earner.name]
    assert "Revoke this credential" not in pages[outsider.name]
    assert "Revoke this credential" in pages[issuer_admin.name]


def test_an_issuer_admin_revokes_with_a_reason(client, award, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("credentials:revoke", args=[award.public_id]), {"reason": "Issued in error."}
    )

    assert response["Location"] == award.get_absolute_url()
    award.refresh_from_db()
    assert award.is_revoked
    assert award.revocation_reason == "Issued in error."
    assert CredentialAudit.objects.filter(award=award, action="revoked").exists()


def test_revoking_without_a_reason_is_refused_with_a_clear_message(client, award, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(reverse("credentials:revoke", args=[award.public_id]), {"reason": "  "})

    assert response.status_code == 400
    assert "Say why the credential is revoked" in response.text
    assert 'aria-invalid="true"' in response.text
    award.refresh_from_db()
    assert not award.is_revoked


def test_an_outsider_cannot_revoke(client, award, outsider):
    client.force_login(outsider)

    response = client.post(reverse("credentials:revoke", args=[award.public_id]), {"reason": "x"})

    assert response.status_code == 403
    award.refresh_from_db()
    assert not award.is_revoked


def test_the_badge_page_is_never_stored_for_a_signed_in_person(client, award, earner):
    client.force_login(earner)

    response = client.get(award.get_absolute_url())

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Accept" in response["Vary"]


def test_the_badge_address_answers_json_to_a_machine(client, award):
    response = client.get(award.get_absolute_url(), HTTP_ACCEPT="application/json")

    assert response["Content-Type"] == "application/vc+ld+json"
    assert json.loads(response.content)["id"].endswith(award.get_absolute_url())


# -- The verifier page ------------------------------------------------------------------------


VERIFY = reverse("credentials:verify")


def test_the_verifier_page_is_open_to_anyone(client):
    response = client.get(VERIFY)

    assert response.status_code == 200
    assert "Credential file" in response.text


def test_a_dropped_credential_file_verifies(client, award):
    upload = SimpleUploadedFile("credential.json", award.credential_json.encode())

    response = client.post(VERIFY, {"file": upload})

    assert response.status_code == 200
    assert response.context["result"].verified
    assert "Verified" in response.text
    assert "Wait Time" in response.text


def test_a_pasted_jwt_verifies(client, award):
    response = client.post(VERIFY, {"credential": award.credential_jwt})

    assert response.context["result"].verified


def test_a_revoked_credential_file_is_reported_revoked(client, award, issuer_admin):
    _revoke(award, issuer_admin)

    response = client.post(VERIFY, {"credential": award.credential_json})

    assert response.context["result"].revoked
    assert "Revoked" in response.text
    assert "The issuer has revoked this credential." in response.text


def test_a_changed_credential_is_not_verified_and_says_why(client, award):
    document = json.loads(award.credential_json)
    document["name"] = "Something else entirely"

    response = client.post(VERIFY, {"credential": json.dumps(document)})

    assert response.status_code == 200
    assert not response.context["result"].verified
    assert "Not verified" in response.text
    assert response.context["result"].errors


def test_an_empty_form_asks_for_a_credential(client):
    response = client.post(VERIFY, {})

    assert response.status_code == 400
    assert "Choose a credential file, or paste its JSON or JWT." in response.text


def test_an_empty_file_is_refused(client):
    response = client.post(VERIFY, {"file": SimpleUploadedFile("empty.json", b"")})

    assert response.status_code == 400


@override_settings(CREDENTIALS_MAX_VERIFY_BYTES=1024)
def test_an_oversized_file_is_refused_without_reading_it_all(client):
    upload = SimpleUploadedFile("big.json", b"{" + b" " * 64 * 1024 + b"}")

    response = client.post(VERIFY, {"file": upload})

    assert response.status_code == 413
    assert "larger than" in response.text


@override_settings(CREDENTIALS_MAX_VERIFY_BYTES=1024, DATA_UPLOAD_MAX_MEMORY_SIZE=2048)
def test_an_oversized_paste_is_refused(client):
    response = client.post(VERIFY, {"credential": "x" * 4096})

    assert response.status_code == 413
    assert "larger than" in response.text


@pytest.mark.parametrize(
    "text",
    [
        "not json at all",
        "{",
        "[]",
        "42",
        '"a string"',
        "null",
        "{}",
        '{"@context": "https://www.w3.org/ns/credentials/v2"}',
        '{"@context": ["https://example.com/unknown-context"], "type": ["VerifiableCredential"]}',
        '{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential",'
        ' "issuer": "did:web:example.com", "proof": "nope"}',
        '{"@context": ["https://www.w3.org/ns/credentials/v2"],'
        ' "type": ["VerifiablePresentation"]}',
        "eyJhbGciOiJub25lIn0.eyJ2YyI6e319.",
        "a.b.c",
    ],
)
def test_garbage_is_answered_not_verified(client, text):
    response = client.post(VERIFY, {"credential": text})

    assert response.status_code == 200
    assert "Not verified" in response.text
    assert response.context["result"].errors


def test_binary_garbage_in_a_file_is_answered_not_verified(client):
    upload = SimpleUploadedFile("photo.json", bytes(range(256)) * 4)

    response = client.post(VERIFY, {"file": upload})

    assert response.status_code == 200
    assert "Not verified" in response.text


def test_the_verifier_checks_its_csrf_token(award):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(VERIFY, {"credential": award.credential_json})

    assert response.status_code == 403


# -- The issuer's credentials page ---------------------------------------------------------


def _issuer_page(issuer):
    return reverse("credentials:issuer_credentials", args=[issuer.slug])


def test_the_issuer_page_shows_identifier_keys_awards_and_history(
    client, award, issuer, issuer_admin
):
    _revoke(award, issuer_admin, reason="Issued in error.")
    client.force_login(issuer_admin)

    response = client.get(_issuer_page(issuer))

    page = response.text
    assert response.status_code == 200
    assert "did:web:" in page
    assert reverse("credentials:did_document", args=[issuer.slug]) in page
    assert "Ed25519" in page
    assert award.get_absolute_url() in page
    assert "Issued in error." in page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona", ["outsider", "earner", "assessor"])
def test_the_issuer_page_is_refused_to_others(client, issuer, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(_issuer_page(issuer)).status_code == 403


def test_an_admin_of_another_issuer_is_refused(client, issuer, other_issuer):
    from microcred.accounts.tests.factories import UserFactory

    stranger = UserFactory()
    MembershipFactory(user=stranger, organization=other_issuer, role=Role.ISSUER_ADMIN)
    client.force_login(stranger)

    assert client.get(_issuer_page(issuer)).status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in(client, issuer):
    response = client.get(_issuer_page(issuer))

    assert reverse("account_login") in response["Location"]


def test_the_header_and_workspace_lead_issuer_admins_to_their_credentials(
    client, issuer, issuer_admin
):
    client.force_login(issuer_admin)

    workspace = client.get(reverse("author:workspace")).text

    assert workspace.count(f'href="{_issuer_page(issuer)}"') == 2


def test_the_header_offers_no_credentials_page_to_an_earner(client, issuer, earner):
    client.force_login(earner)

    page = client.get(reverse("backpack:home")).text

    assert _issuer_page(issuer) not in page


def test_an_api_token_is_shown_once(client, issuer, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(_issuer_page(issuer), {"action": "client", "name": "Student system"})
    first = client.get(response["Location"]).text
    second = client.get(_issuer_page(issuer)).text

    token = first.split('id="new-token" type="text" class="token" value="', 1)[1].split('"')[0]
    assert token.startswith("mc_")
    assert services.client_for_token(token) == ApiClient.objects.get(name="Student system")
    assert token not in second
    assert "Student system" in second


def test_rotating_a_key_keeps_the_old_one_listed(client, award, issuer, issuer_admin):
    client.force_login(issuer_admin)

    client.post(
        _issuer_page(issuer), {"action": "rotate", "key_type": "ed25519", "reason": "Routine"}
    )

    page = client.get(_issuer_page(issuer)).text
    assert "still verifies" in page
    assert "Routine" in page
    assert client.get(award.get_absolute_url()).context["result"].verified


def test_the_method_cannot_change_once_credentials_are_signed(client, award, issuer, issuer_admin):
    client.force_login(issuer_admin)

    page = client.get(_issuer_page(issuer)).text

    assert "It cannot change now" in page
    assert 'name="method"' not in page


def test_issuing_a_cohort_shows_its_progress(
    client, issuer, issuer_admin, earner, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from microcred.catalog.models import Cohort

    award = _met(earner, issuer_admin, micro_credential__issuer=issuer)
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        micro_credential=award.version.micro_credential,
        name="Spring cohort",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        enrollment_opens_on=today,
        enrollment_closes_on=today + datetime.timedelta(days=10),
        capacity=10,
    )
    award.submission.enrollment.cohort = cohort
    award.submission.enrollment.save()
    client.force_login(issuer_admin)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_issuer_page(issuer), {"action": "bulk", "cohort": cohort.pk})

    page = client.get(_issuer_page(issuer)).text
    assert "Issue credentials for Spring cohort" in page
    assert "1 of 1 credential signed" in page
    partial = client.get(_issuer_page(issuer), {"cohort": cohort.pk}, HTTP_HX_REQUEST="true")
    assert "1 of 1 credential signed" in partial.text
    assert "<html" not in partial.text


# -- The backpack ---------------------------------------------------------------------------


def test_an_earned_micro_credential_links_to_its_badge_page(client, award, earner):
    client.force_login(earner)

    page = client.get(reverse("backpack:home")).text

    assert f'href="{award.get_absolute_url()}"' in page
    assert "Credential for Wait Time" in page


def test_an_unsigned_award_in_the_backpack_is_marked_being_signed(client, unsigned, earner):
    client.force_login(earner)

    page = client.get(reverse("backpack:home")).text

    assert f'href="{unsigned.get_absolute_url()}"' in page
    assert "Being signed" in page


def test_a_revoked_award_in_the_backpack_is_marked_revoked(client, award, earner, issuer_admin):
    _revoke(award, issuer_admin)
    client.force_login(earner)

    page = client.get(reverse("backpack:home")).text

    assert "status-revoked" in page


def test_an_earned_stack_links_to_its_badge_page(client, earner, issuer, issuer_admin):
    from microcred.catalog.tests.factories import StackFactory, add_to_stack

    first = _met(earner, issuer_admin, micro_credential__issuer=issuer)
    stack = StackFactory(issuer=issuer, title="Questioning")
    add_to_stack(stack, first.version.micro_credential)
    services.award_completed_stacks(earner, micro_credential_id=first.version.micro_credential_id)
    stack_award = Award.objects.get(stack=stack)
    client.force_login(earner)

    page = client.get(reverse("backpack:home")).text

    assert f'href="{stack_award.get_absolute_url()}"' in page
    assert "Credential for Questioning" in page
