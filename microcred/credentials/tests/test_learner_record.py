"""Learner records (CLR 2.0): what goes in, who may have one, and that they verify."""

import copy
import json

import pytest
from django.core.exceptions import PermissionDenied

from microcred.credentials.issuing import learner_record, services
from microcred.credentials.models import Award
from microcred.credentials.verification import verify

from .factories import earned_stack, signed_award

pytestmark = pytest.mark.django_db


@pytest.fixture
def stack_awards(earner, issuer, issuer_admin):
    return earned_stack(earner, issuer_admin=issuer_admin, issuer=issuer)


@pytest.fixture
def record(earner, stack_awards):
    return learner_record.learner_record(earner, by=earner)


def test_a_record_holds_every_signed_credential_as_signed(record, stack_awards):
    parts, stack = stack_awards
    subject = record.document["credentialSubject"]

    assert record.document["type"] == ["VerifiableCredential", "ClrCredential"]
    assert subject["verifiableCredential"] == [
        json.loads(a.credential_json) for a in sorted([*parts, stack], key=lambda a: a.pk)
    ]
    assert record.document["partial"] is False


def test_a_record_lists_the_achievements_and_links_the_stack_to_its_parts(record, stack_awards):
    parts, stack = stack_awards
    subject = record.document["credentialSubject"]
    stack_id = json.loads(stack.credential_json)["credentialSubject"]["achievement"]["id"]
    part_ids = [
        json.loads(a.credential_json)["credentialSubject"]["achievement"]["id"] for a in parts
    ]

    assert {a["id"] for a in subject["achievement"]} == {stack_id, *part_ids}
    assert {
        (a["associationType"], a["sourceId"], a["targetId"]) for a in subject["association"]
    } == {
        *(("isParentOf", stack_id, part) for part in part_ids),
        *(("isChildOf", part, stack_id) for part in part_ids),
    }


def test_the_platform_signs_the_record_under_its_own_identifier(record, settings):
    issuer = record.document["issuer"]

    assert issuer["id"].endswith(":issuers:" + settings.CREDENTIALS_RECORD_ISSUER_SLUG)
    assert record.document["proof"][0]["verificationMethod"].startswith(issuer["id"] + "#")


def test_the_record_verifies_and_so_does_each_credential_inside(record):
    result = verify.verify_text(record.json)

    assert result.verified, [c.message for c in result.errors]
    assert result.kind == "record"
    assert len(result.credentials) == 3
    assert all(inner.check("signature").ok for inner in result.credentials)


def test_the_record_as_a_jwt_verifies_with_each_credential_inside(record):
    result = verify.verify_text(record.jwt)

    assert result.verified, [c.message for c in result.errors]
    assert len(result.credentials) == 3


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda r: r.update(name="Someone else's record"), id="record-name"),
        pytest.param(
            lambda r: r["credentialSubject"]["association"].pop(), id="an-association-dropped"
        ),
        pytest.param(
            lambda r: r["credentialSubject"]["verifiableCredential"][0].update(name="Other"),
            id="an-embedded-credential",
        ),
        pytest.param(
            lambda r: r["credentialSubject"]["verifiableCredential"][1]["credentialSubject"][
                "achievement"
            ].update(description="Easier"),
            id="an-embedded-achievement",
        ),
    ],
)
def test_one_changed_field_anywhere_fails_the_record(record, change):
    tampered = copy.deepcopy(record.document)
    change(tampered)

    result = verify.verify_credential(tampered)

    assert not result.verified
    assert not result.check("signature").ok


def test_a_changed_embedded_credential_fails_on_its_own_too(record):
    tampered = copy.deepcopy(record.document)
    tampered["credentialSubject"]["verifiableCredential"][0]["name"] = "Other"

    result = verify.verify_credential(tampered)

    assert not result.credentials[0].verified
    assert result.credentials[1].verified


def test_a_revoked_credential_inside_fails_the_record(earner, issuer_admin, record, stack_awards):
    parts, _stack = stack_awards
    services.revoke(parts[0], by=issuer_admin, reason="The evidence was another teacher's.")

    result = verify.verify_text(record.json)

    assert not result.verified
    assert any(inner.revoked for inner in result.credentials)


def test_a_chosen_set_makes_a_partial_record_without_associations(earner, stack_awards):
    parts, _stack = stack_awards

    record = learner_record.learner_record(earner, by=earner, chosen=[str(parts[0].public_id)])

    subject = record.document["credentialSubject"]
    assert record.document["partial"] is True
    assert len(subject["verifiableCredential"]) == 1
    assert "association" not in subject
    assert verify.verify_text(record.json).verified


def test_revoked_and_unsigned_awards_stay_out_of_a_whole_record(
    earner, issuer, issuer_admin, stack_awards
):
    parts, _stack = stack_awards
    services.revoke(parts[0], by=issuer_admin, reason="Withdrawn by the issuer.")

    record = learner_record.learner_record(earner, by=earner)

    ids = {c["id"] for c in record.document["credentialSubject"]["verifiableCredential"]}
    assert json.loads(parts[0].credential_json)["id"] not in ids
    assert len(ids) == 2


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        pytest.param([], "Choose at least one", id="empty"),
        pytest.param(["not-a-uuid"], "is not a credential id", id="malformed"),
        pytest.param(["0b9a1d1e-6f0e-4e8e-9b1a-2c3d4e5f6a7b"], "not among your", id="unknown"),
    ],
)
def test_a_bad_choice_is_refused_with_a_reason(earner, stack_awards, chosen, message):
    with pytest.raises(learner_record.RecordError, match=message):
        learner_record.learner_record(earner, by=earner, chosen=chosen)


def test_another_earners_award_cannot_be_chosen(earner, outsider, issuer, issuer_admin):
    theirs = signed_award(outsider, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    with pytest.raises(learner_record.RecordError, match="not among your"):
        learner_record.learner_record(earner, by=earner, chosen=[str(theirs.public_id)])


def test_an_earner_without_credentials_gets_a_reason(outsider):
    with pytest.raises(learner_record.RecordError, match="no signed credential"):
        learner_record.learner_record(outsider, by=outsider)


def test_nobody_makes_a_record_for_someone_else(earner, issuer_admin, stack_awards):
    with pytest.raises(PermissionDenied):
        learner_record.learner_record(earner, by=issuer_admin)


def test_the_record_issuer_is_made_once(record, earner):
    learner_record.learner_record(earner, by=earner)

    from microcred.accounts.models import Organization

    assert Organization.objects.filter(slug=learner_record.record_issuer().slug).count() == 1
    assert Award.objects.filter(issuer=learner_record.record_issuer()).count() == 0


# -- Every interface of the verifier reports the record and each credential in it --------------


def test_the_vc_api_reports_the_record_and_each_credential(client, record):
    response = client.post(
        "/credentials/verify",
        data=json.dumps({"verifiableCredential": record.document}),
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 200
    assert "record" in body["checks"]
    assert [r["verified"] for r in body["credentialResults"]] == [True, True, True]


def test_the_vc_api_answers_422_for_a_record_with_a_changed_credential(client, record):
    tampered = copy.deepcopy(record.document)
    tampered["credentialSubject"]["verifiableCredential"][2]["name"] = "Other"

    response = client.post(
        "/credentials/verify",
        data=json.dumps({"verifiableCredential": tampered}),
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 422
    assert [r["verified"] for r in body["credentialResults"]] == [True, True, False]


def test_the_verifier_page_lists_each_credential_of_a_record(client, record):
    response = client.post("/verify/", {"credential": record.json})

    page = response.text
    assert response.status_code == 200
    assert "Credential 3 in the record" in page
    assert "every credential in it checks out on its own" in page


def test_the_verify_command_reports_a_record_line_by_line(tmp_path, record, capsys):
    from django.core.management import call_command

    path = tmp_path / "record.jwt"
    path.write_text(record.jwt)

    call_command("verify_credential", str(path))

    out = capsys.readouterr().out
    assert "record      ok" in out
    assert "[3] signature ok" in out
    assert "Verified." in out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda r: r["credentialSubject"].update(verifiableCredential=[]),
            "holds no credential",
            id="empty",
        ),
        pytest.param(
            lambda r: r["credentialSubject"]["association"][0].update(associationType="ownsA"),
            "known associationType",
            id="association",
        ),
        pytest.param(
            lambda r: r["credentialSubject"].update(type=["AchievementSubject"]),
            "not a ClrSubject",
            id="subject",
        ),
    ],
)
def test_a_record_of_the_wrong_shape_is_named_as_such(record, change, message):
    tampered = copy.deepcopy(record.document)
    change(tampered)

    result = verify.verify_credential(tampered)

    assert not result.check("record").ok
    assert message in result.check("record").message


# -- Exports ------------------------------------------------------------------------------------


def test_export_writes_one_verifying_record_per_earner(
    tmp_path, earner, outsider, issuer, issuer_admin, stack_awards
):
    from django.core.management import call_command

    signed_award(outsider, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    call_command("export_credentials", "--format", "clr", "--out", str(tmp_path))

    files = sorted(tmp_path.iterdir())
    assert [f.name for f in files] == sorted(
        f"learner-record-{user.pk}.json" for user in (earner, outsider)
    )
    counts = sorted(len(verify.verify_text(f.read_bytes()).credentials) for f in files)
    assert counts == [1, 3]
    assert all(verify.verify_text(f.read_bytes()).verified for f in files)
