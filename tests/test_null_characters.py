"""A null character (U+0000) in anything sent never loses saved text and never fails with a
server error: form data and query strings arrive without it and the person is told; JSON
and uploaded lists that hold it are refused with a message naming it."""

import json

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from microcred.catalog.models import Requirement
from microcred.credentials.issuing import services as credentials
from microcred.people import invitation_lists
from microcred.submissions.models import Evidence, Submission
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, earner, issuer, issuer_admin):
    enrollment = enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    client.force_login(earner)
    client.post(reverse("submissions:start", args=[enrollment.pk]))
    return Submission.objects.get(enrollment=enrollment)


@pytest.fixture
def save_url(draft):
    requirement = Requirement.objects.get(version=draft.enrollment.version)
    return reverse("submissions:save_text", args=[draft.reference, requirement.pk, "text"])


def test_an_answer_with_a_null_character_is_saved_without_it_and_the_earner_is_told(
    client, draft, save_url
):
    client.post(save_url, {"text": "Students chose the protocol."})

    response = client.post(save_url, {"text": "Students chose\x00 the protocol, then voted."})

    assert Evidence.objects.get(submission=draft).text == "Students chose the protocol, then voted."
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("null character" in m and "rest of your text is kept" in m for m in said)


def test_autosave_says_what_was_removed_beside_saved(client, draft, save_url):
    response = client.post(
        save_url, {"text": "Pasted from a PDF\x00\x00"}, headers={"HX-Request": "true"}
    )

    assert "Saved at" in response.text
    assert "2 null characters" in response.text
    assert Evidence.objects.get(submission=draft).text == "Pasted from a PDF"


def test_a_refused_answer_never_clears_the_saved_one(earner, draft, save_url, settings):
    """Behind the middleware, the form's own check (Django's refusal of null characters)
    still stands: a refused answer is reported, and the saved one kept."""
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "microcred.null_characters.NullCharactersMiddleware"
    ]
    client = Client()  # its middleware loaded without that one
    client.force_login(earner)
    client.post(save_url, {"text": "Students chose the protocol."})

    response = client.post(save_url, {"text": "Gone?\x00"}, headers={"HX-Request": "true"})

    assert response.status_code == 400
    assert "Null characters are not allowed." in response.text
    assert Evidence.objects.get(submission=draft).text == "Students chose the protocol."


def test_the_collaboration_note_keeps_its_text_without_the_null_character(client, draft):
    client.post(
        reverse("submissions:collaboration", args=[draft.reference]),
        {
            "collaborated": "on",
            "note": "We split\x00 the lesson.",
            "collaborator-TOTAL_FORMS": "1",
            "collaborator-INITIAL_FORMS": "0",
            "collaborator-0-name": "Ana\x00 Ruiz",
            "collaborator-0-email": "ana.ruiz@example.org",
        },
    )

    draft.refresh_from_db()
    assert draft.collaboration_note == "We split the lesson."
    assert [c.name for c in draft.collaborators.all()] == ["Ana Ruiz"]


def test_a_query_string_with_a_null_character_is_searched_without_it(client):
    response = client.get(reverse("catalog:index"), {"q": "lesson\x00 plan"})

    assert response.status_code == 200
    assert response.wsgi_request.GET["q"] == "lesson plan"


def test_an_address_with_a_null_character_is_no_page(client, draft):
    response = client.get(f"/submissions/{draft.reference}%00/")

    assert response.status_code == 404


def test_a_json_api_request_with_a_null_character_is_refused_with_why(client, issuer, issuer_admin):
    _api_client, token = credentials.create_api_client(issuer, name="SIS", by=issuer_admin)

    response = client.post(
        "/credentials/issue",
        data=json.dumps({"credential": {"name": "Bad\x00name"}}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 400
    assert "null character (U+0000)" in response.json()["message"]


def test_a_credential_with_a_null_character_is_refused_by_the_verifier_page(client):
    upload = SimpleUploadedFile(
        "credential.json",
        json.dumps(
            {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "type": ["VerifiableCredential"],
                "issuer": "did:web:example.org\x00",
            }
        ).encode(),
    )

    response = client.post(reverse("credentials:verify"), {"file": upload})

    assert response.status_code == 200
    assert "null character (U+0000)" in response.text


def test_a_list_of_people_with_a_null_character_names_its_line():
    data = (
        b"e-mail,name,role\nana@example.org,Ana,earner\n"
        + b"x" * 5000
        + b"\nbo\x00@x.org,,earner\n"
    )

    with pytest.raises(invitation_lists.ListProblem, match="Line 4 holds a null character"):
        invitation_lists.read(data)
