"""Warnings are shown apart from errors wherever a result is read: a warning (what
1EdTech's validator only warns about, such as a single `proof` object) leaves the
credential verified; an error (a MUST broken) does not."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "tests"
    / "interop"
    / "samples"
    / "digitalbazaar-ob3-single-proof.json"
)


@pytest.fixture
def single_proof() -> dict:
    return json.loads(SAMPLE.read_text())


def test_the_command_marks_the_warning_and_still_verifies(tmp_path, single_proof):
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(single_proof))
    said = io.StringIO()

    call_command("verify_credential", str(path), stdout=said)

    lines = said.getvalue().splitlines()
    assert any(line.startswith("schema      warning ") for line in lines)
    assert lines[-1] == (
        "Verified, with 1 warning: a warning does not stop a credential from verifying."
    )


def test_the_command_marks_a_warning_of_a_credential_inside_a_record(tmp_path):
    record = SAMPLE.with_name("digitalbazaar-clr-single-values.json")
    said = io.StringIO()

    call_command("verify_credential", str(record), stdout=said)

    assert any(line.startswith("[1] schema  warning ") for line in said.getvalue().splitlines())
    assert "Verified, with 2 warnings" in said.getvalue()


def test_the_verifier_page_shows_the_warning_apart_from_the_checks_that_passed(
    client, single_proof
):
    response = client.post("/verify/", {"credential": json.dumps(single_proof)})

    page = response.content.decode()
    assert response.context["result"].verified
    assert "1 warning below (marked !)" in page
    assert 'class="check-warning"' in page
    assert 'class="check-failed"' not in page


def test_the_vc_api_answers_200_with_the_warning_in_its_warnings_array(client, single_proof):
    response = client.post(
        "/credentials/verify",
        data=json.dumps({"verifiableCredential": single_proof}),
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 200
    assert body["verified"] is True
    assert body["errors"] == []
    assert [w["check"] for w in body["warnings"]] == ["schema"]
    assert "proof holds a single value" in body["warnings"][0]["message"]


def test_an_error_is_not_downgraded_to_a_warning(client, single_proof):
    del single_proof["validFrom"]

    response = client.post(
        "/credentials/verify",
        data=json.dumps({"verifiableCredential": single_proof}),
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 422
    assert "schema" in [e["check"] for e in body["errors"]]
