"""Authoring the catalog through the REST API: an issuer admin's app and the issuer's own
system start micro-credentials, write their drafts and move them through quality review,
publishing, retiring and revision, each refused with the reason the authoring page gives."""

import io
import json

import pytest
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from PIL import Image

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import UserFactory
from microcred.api.models import IdempotencyKey
from microcred.catalog.models import (
    MicroCredential,
    MicroCredentialVersion,
    Requirement,
    RubricCriterion,
    VersionStatus,
)
from microcred.catalog.tests.factories import (
    CompleteDraftFactory,
    DraftVersionFactory,
    TopicFactory,
    grade_band,
    published_version,
)
from microcred.connect import scopes

from .tokens import bearer, client_token, person_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_token(issuer_admin):
    return person_token(issuer_admin, scopes.CATALOG_WRITE)


@pytest.fixture
def system_token(issuer, org_admin):
    return client_token(
        issuer, by=org_admin, roles=[Role.ISSUER_ADMIN], scopes=[scopes.CATALOG_WRITE]
    )


@pytest.fixture
def other_admin(other_issuer):
    user = UserFactory()
    user.memberships.create(organization=other_issuer, role=Role.ISSUER_ADMIN)
    return user


@pytest.fixture
def draft(issuer):
    return DraftVersionFactory(micro_credential__issuer=issuer)


@pytest.fixture
def complete(issuer):
    return CompleteDraftFactory(micro_credential__issuer=issuer)


def _send(method, path, token=None, body=None, **headers):
    extra = bearer(token) if token else {}
    data = json.dumps(body) if body is not None else None
    return Client().generic(
        method, path, data or "", content_type="application/json", **extra, **headers
    )


def _names(response, field) -> bool:
    """Whether the refusal names the field (a list's item as `field.0`)."""
    return any(key.split(".")[0] == field for key in response.json()["errors"])


def _url(version, tail=""):
    return f"/api/v1/authoring/versions/{version.pk}/{tail}"


# -- Listing and reading -----------------------------------------------------------------------


def test_an_issuer_admin_lists_the_versions_of_their_issuer_drafts_included(
    draft, issuer_admin, admin_token, other_admin, other_issuer
):
    published = published_version(
        issuer_admin, micro_credential__issuer=draft.micro_credential.issuer
    )
    DraftVersionFactory(micro_credential__issuer=other_issuer)
    response = _send("GET", "/api/v1/authoring/versions/", admin_token)
    assert response.status_code == 200
    assert {v["id"] for v in response.json()["results"]} == {draft.pk, published.pk}
    assert response["X-Total-Count"] == "2"


def test_the_list_is_filtered_by_status(draft, issuer_admin, system_token):
    published_version(issuer_admin, micro_credential__issuer=draft.micro_credential.issuer)
    response = _send("GET", "/api/v1/authoring/versions/?status=draft", system_token)
    assert [v["id"] for v in response.json()["results"]] == [draft.pk]


@pytest.mark.parametrize(
    "query", ["status=lost", "issuer=not%20a%20slug", "micro_credential=" + "a" * 200]
)
def test_a_filter_that_cannot_be_read_is_named(admin_token, query):
    response = _send("GET", f"/api/v1/authoring/versions/?{query}", admin_token)
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["errors"]


def test_the_list_costs_the_same_queries_however_many_versions(
    issuer, admin_token, django_assert_max_num_queries
):
    for _ in range(5):
        DraftVersionFactory(micro_credential__issuer=issuer)
    with django_assert_max_num_queries(8):
        response = _send("GET", "/api/v1/authoring/versions/", admin_token)
    assert response.json()["count"] == 5


def test_a_version_is_read_with_its_parts_and_its_checklist(complete, admin_token):
    response = _send("GET", _url(complete), admin_token)
    assert response.status_code == 200
    body = response.json()
    assert body["requirements"][0]["criteria"][0]["name"] == "Protocol chosen"
    assert body["grade_bands"] == ["6-8"]
    assert body["has_image"] is True
    assert {item["key"]: item["passed"] for item in body["checklist"]}["rubric"] is True


def test_another_issuers_draft_is_not_found(draft, other_admin):
    token = person_token(other_admin, scopes.CATALOG_WRITE)
    assert _send("GET", _url(draft), token).status_code == 404
    response = _send("PATCH", _url(draft), token, {"title": "Mine now"})
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.title != "Mine now"


def test_authoring_needs_a_token_with_the_catalog_write_scope(draft, issuer_admin):
    assert _send("GET", _url(draft)).status_code == 401
    response = _send("GET", _url(draft), person_token(issuer_admin, scopes.AWARDS))
    assert response.status_code == 403
    assert response.json()["scope"] == scopes.CATALOG_WRITE


def test_an_earner_with_the_scope_authors_nothing(draft, earner):
    token = person_token(earner, scopes.CATALOG_WRITE)
    assert _send("GET", "/api/v1/authoring/versions/", token).json()["count"] == 0
    response = _send(
        "POST",
        "/api/v1/authoring/micro-credentials/",
        token,
        {"issuer": draft.micro_credential.issuer.slug, "title": "Mine"},
    )
    assert response.status_code == 400
    assert "issuer" in response.json()["errors"]


# -- Starting a micro-credential ----------------------------------------------------------------


def test_the_issuers_system_starts_a_micro_credential_with_its_first_draft(issuer, system_token):
    response = _send(
        "POST",
        "/api/v1/authoring/micro-credentials/",
        system_token,
        {"issuer": issuer.slug, "title": "Number talks"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["version"] == 1
    assert response["Location"] == body["url"]
    assert MicroCredential.objects.get(slug=body["micro_credential"]).issuer == issuer


def test_starting_again_with_the_same_idempotency_key_makes_nothing_more(issuer, admin_token):
    ask = {"issuer": issuer.slug, "title": "Number talks"}
    first = _send(
        "POST", "/api/v1/authoring/micro-credentials/", admin_token, ask, HTTP_IDEMPOTENCY_KEY="k1"
    )
    again = _send(
        "POST", "/api/v1/authoring/micro-credentials/", admin_token, ask, HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert MicroCredential.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "No issuer"}, "issuer"),
        ({"issuer": "nowhere", "title": "Lost"}, "issuer"),
        ({"issuer": "{issuer}", "title": "   "}, "title"),
        ({"issuer": "{issuer}", "title": 5}, "title"),
        ({"issuer": "{issuer}", "title": "x" * 201}, "title"),
        ({"issuer": "{issuer}", "title": "Fine", "colour": "red"}, "colour"),
    ],
)
def test_a_new_micro_credential_that_cannot_be_made_is_refused_naming_the_field(
    issuer, admin_token, body, field
):
    body = {k: (v.format(issuer=issuer.slug) if isinstance(v, str) else v) for k, v in body.items()}
    response = _send("POST", "/api/v1/authoring/micro-credentials/", admin_token, body)
    assert response.status_code == 400
    assert _names(response, field)
    assert not MicroCredential.objects.exists()
    assert not IdempotencyKey.objects.exists()


def test_another_issuers_admin_cannot_start_one_for_this_issuer(issuer, other_admin):
    response = _send(
        "POST",
        "/api/v1/authoring/micro-credentials/",
        person_token(other_admin, scopes.CATALOG_WRITE),
        {"issuer": issuer.slug, "title": "Not theirs"},
    )
    assert response.status_code == 400
    assert not MicroCredential.objects.exists()


# -- Writing a draft ----------------------------------------------------------------------------


def test_a_draft_changes_only_in_the_fields_sent(draft, admin_token):
    TopicFactory(slug="discussion", name="Discussion")
    grade_band("6-8")
    response = _send(
        "PATCH",
        _url(draft),
        admin_token,
        {
            "competency": "Facilitate student-led discussion.",
            "fee": "25.00",
            "payment_methods": ["voucher", "invoice"],
            "topics": ["discussion"],
            "grade_bands": ["6-8"],
        },
    )
    assert response.status_code == 200, response.json()
    draft.refresh_from_db()
    assert draft.competency == "Facilitate student-led discussion."
    assert str(draft.fee) == "25.00"
    assert draft.payment_methods == ["voucher", "invoice"]
    assert [t.slug for t in draft.topics.all()] == ["discussion"]
    assert draft.title == response.json()["title"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"fee": "-1"}, "fee"),
        ({"fee": "NaN"}, "fee"),
        ({"fee": "1e400"}, "fee"),
        ({"currency": "dollars"}, "currency"),
        ({"payment_methods": ["cheque"]}, "payment_methods"),
        ({"payment_methods": "card"}, "payment_methods"),
        ({"assessors_per_submission": 0}, "assessors_per_submission"),
        ({"max_attempts": 10**30}, "max_attempts"),
        ({"topics": ["nothing-like-it"]}, "topics"),
        ({"title": ""}, "title"),
        ({"competency": "x" * 20_001}, "competency"),
        ({"research": ["a", "list"]}, "research"),
        ({"image": "badge.png"}, "image"),
        ({"status": "published"}, "status"),
    ],
)
def test_a_change_that_cannot_be_read_is_refused_naming_the_field_and_nothing_changes(
    draft, admin_token, body, field
):
    before = MicroCredentialVersion.objects.filter(pk=draft.pk).values().get()
    response = _send("PATCH", _url(draft), admin_token, body)
    assert response.status_code == 400
    assert _names(response, field)
    assert MicroCredentialVersion.objects.filter(pk=draft.pk).values().get() == before


def test_a_body_that_is_not_an_object_is_refused(draft, admin_token):
    response = _send("PATCH", _url(draft), admin_token, ["title"])
    assert response.status_code == 400


def test_a_published_version_does_not_change(issuer, issuer_admin, admin_token):
    published = published_version(issuer_admin, micro_credential__issuer=issuer)
    response = _send("PATCH", _url(published), admin_token, {"title": "Renamed"})
    assert response.status_code == 409
    assert "Start a new version" in response.json()["detail"]
    published.refresh_from_db()
    assert published.title != "Renamed"


def test_requirements_and_their_rubric_criteria_are_added_and_removed(draft, system_token):
    added = _send(
        "POST",
        _url(draft, "requirements/"),
        system_token,
        {
            "title": "Lesson plan",
            "instructions": "Upload the plan, 300 to 500 words.",
            "evidence_types": ["file", "text"],
        },
    )
    assert added.status_code == 201, added.json()
    requirement = Requirement.objects.get(version=draft)
    assert (requirement.min_words, requirement.max_words) == (300, 500)
    assert _send("GET", added["Location"], system_token).json()["title"] == "Lesson plan"
    criterion = _send(
        "POST",
        _url(draft, f"requirements/{requirement.pk}/criteria/"),
        system_token,
        {"name": "Protocol chosen", "met_description": "The plan names a protocol."},
    )
    assert criterion.status_code == 201
    assert RubricCriterion.objects.filter(requirement=requirement).count() == 1
    removed = _send("DELETE", criterion["Location"], system_token)
    assert removed.status_code == 204
    assert not RubricCriterion.objects.exists()
    assert _send("DELETE", added["Location"], system_token).status_code == 204
    assert not Requirement.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Plan", "instructions": "Upload it.", "evidence_types": []}, "evidence_types"),
        (
            {"title": "Plan", "instructions": "Upload it.", "evidence_types": ["video"]},
            "evidence_types",
        ),
        ({"title": "Plan", "evidence_types": ["file"]}, "instructions"),
        (
            {
                "title": "Plan",
                "instructions": "Write.",
                "evidence_types": ["text"],
                "min_words": 500,
                "max_words": 300,
            },
            "max_words",
        ),
        (
            {
                "title": "Plan",
                "instructions": "Write.",
                "evidence_types": ["text"],
                "min_words": -3,
            },
            "min_words",
        ),
    ],
)
def test_a_requirement_that_cannot_be_added_is_refused_naming_the_field(
    draft, admin_token, body, field
):
    response = _send("POST", _url(draft, "requirements/"), admin_token, body)
    assert response.status_code == 400
    assert _names(response, field)
    assert not Requirement.objects.exists()


def test_resources_and_alignments_are_added_and_removed(draft, admin_token):
    resource = _send(
        "POST",
        _url(draft, "resources/"),
        admin_token,
        {"title": "Discussion protocols guide", "url": "https://example.org/guide"},
    )
    alignment = _send(
        "POST",
        _url(draft, "alignments/"),
        admin_token,
        {"framework": "ISTE Standards for Educators", "code": "2.5.a", "name": "Personalize"},
    )
    assert (resource.status_code, alignment.status_code) == (201, 201)
    body = _send("GET", _url(draft), admin_token).json()
    assert [r["title"] for r in body["resources"]] == ["Discussion protocols guide"]
    assert [a["code"] for a in body["alignments"]] == ["2.5.a"]
    assert _send("DELETE", resource["Location"], admin_token).status_code == 204
    assert _send("DELETE", alignment["Location"], admin_token).status_code == 204
    body = _send("GET", _url(draft), admin_token).json()
    assert body["resources"] == body["alignments"] == []


def test_a_part_of_another_version_is_not_found_through_this_one(draft, complete, admin_token):
    requirement = complete.requirements.get()
    response = _send("DELETE", _url(draft, f"requirements/{requirement.pk}/"), admin_token)
    assert response.status_code == 404
    assert Requirement.objects.filter(pk=requirement.pk).exists()


def test_a_huge_id_is_not_found(admin_token):
    assert _send("GET", f"/api/v1/authoring/versions/{10**30}/", admin_token).status_code == 404


def test_parts_of_a_published_version_are_not_removed(issuer, issuer_admin, admin_token):
    published = published_version(issuer_admin, micro_credential__issuer=issuer)
    requirement = published.requirements.get()
    response = _send("DELETE", _url(published, f"requirements/{requirement.pk}/"), admin_token)
    assert response.status_code == 409
    assert Requirement.objects.filter(pk=requirement.pk).exists()


# -- The lifecycle ------------------------------------------------------------------------------


def test_an_incomplete_draft_is_refused_review_naming_each_missing_checklist_item(
    draft, admin_token
):
    response = _send("POST", _url(draft, "submit-for-review/"), admin_token)
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("The quality checklist is not complete")
    assert {"competency", "requirements", "rubric", "image", "credit"} <= set(body["errors"])
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_complete_draft_goes_to_review_back_to_draft_and_is_published(complete, system_token):
    reviewed = _send("POST", _url(complete, "submit-for-review/"), system_token)
    assert reviewed.status_code == 200
    assert reviewed.json()["status"] == "in_review"
    assert _send("PATCH", _url(complete), system_token, {"title": "x"}).status_code == 409
    back = _send("POST", _url(complete, "return-to-draft/"), system_token)
    assert back.json()["status"] == "draft"
    published = _send("POST", _url(complete, "publish/"), system_token)
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    slug = complete.micro_credential.slug
    assert Client().get(f"/api/v1/micro-credentials/{slug}/").status_code == 200


def test_publishing_an_incomplete_draft_names_what_is_missing(draft, admin_token):
    response = _send("POST", _url(draft, "publish/"), admin_token)
    assert response.status_code == 409
    assert "alignment" in response.json()["errors"]
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


@pytest.mark.parametrize("move", ["return-to-draft/", "retire/"])
def test_a_move_the_versions_state_does_not_allow_is_a_conflict(draft, admin_token, move):
    response = _send("POST", _url(draft, move), admin_token)
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_published_version_is_retired_and_leaves_the_catalog(issuer, issuer_admin, admin_token):
    published = published_version(issuer_admin, micro_credential__issuer=issuer)
    response = _send("POST", _url(published, "retire/"), admin_token)
    assert response.status_code == 200
    assert response.json()["status"] == "retired"
    slug = published.micro_credential.slug
    assert Client().get(f"/api/v1/micro-credentials/{slug}/").status_code == 404


def test_a_revision_copies_the_published_version_into_a_new_draft(
    issuer, issuer_admin, system_token
):
    published = published_version(issuer_admin, micro_credential__issuer=issuer)
    response = _send("POST", _url(published, "revision/"), system_token)
    assert response.status_code == 201
    body = response.json()
    assert (body["version"], body["status"]) == (2, "draft")
    assert body["requirements"][0]["criteria"][0]["name"] == "Protocol chosen"
    assert response["Location"] == body["url"]
    again = _send("POST", _url(published, "revision/"), system_token)
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert published.micro_credential.versions.count() == 2


def test_another_issuers_admin_cannot_move_a_version(complete, other_admin):
    token = person_token(other_admin, scopes.CATALOG_WRITE)
    response = _send("POST", _url(complete, "publish/"), token)
    assert response.status_code == 404
    complete.refresh_from_db()
    assert complete.status == VersionStatus.DRAFT


# -- Every address ------------------------------------------------------------------------------

ADDRESSES = [
    ("GET", "authoring/versions/"),
    ("POST", "authoring/micro-credentials/"),
    ("GET", "authoring/versions/{v}/"),
    ("PATCH", "authoring/versions/{v}/"),
    ("POST", "authoring/versions/{v}/requirements/"),
    ("GET", "authoring/versions/{v}/requirements/{r}/"),
    ("DELETE", "authoring/versions/{v}/requirements/{r}/"),
    ("POST", "authoring/versions/{v}/requirements/{r}/criteria/"),
    ("GET", "authoring/versions/{v}/requirements/{r}/criteria/{c}/"),
    ("DELETE", "authoring/versions/{v}/requirements/{r}/criteria/{c}/"),
    ("POST", "authoring/versions/{v}/resources/"),
    ("GET", "authoring/versions/{v}/resources/{s}/"),
    ("DELETE", "authoring/versions/{v}/resources/{s}/"),
    ("POST", "authoring/versions/{v}/alignments/"),
    ("GET", "authoring/versions/{v}/alignments/{a}/"),
    ("DELETE", "authoring/versions/{v}/alignments/{a}/"),
    ("POST", "authoring/versions/{v}/submit-for-review/"),
    ("POST", "authoring/versions/{v}/return-to-draft/"),
    ("POST", "authoring/versions/{v}/publish/"),
    ("POST", "authoring/versions/{v}/retire/"),
    ("POST", "authoring/versions/{v}/revision/"),
]


def _address(template, version):
    requirement = version.requirements.get()
    return "/api/v1/" + template.format(
        v=version.pk,
        r=requirement.pk,
        c=requirement.criteria.get().pk,
        s=version.resources.get().pk,
        a=version.alignments.get().pk,
    )


@pytest.mark.parametrize(("method", "template"), ADDRESSES)
def test_every_authoring_address_needs_a_token_with_the_scope_and_changes_nothing_without(
    complete, issuer_admin, method, template
):
    path = _address(template, complete)
    before = MicroCredentialVersion.objects.filter(pk=complete.pk).values().get()
    assert _send(method, path, body={}).status_code == 401
    refused = _send(method, path, person_token(issuer_admin, scopes.AWARDS), {})
    assert refused.status_code == 403
    assert refused.json()["scope"] == scopes.CATALOG_WRITE
    assert MicroCredentialVersion.objects.filter(pk=complete.pk).values().get() == before
    assert Requirement.objects.filter(version=complete).count() == 1


@pytest.mark.parametrize(("method", "template"), [a for a in ADDRESSES if "{v}" in a[1]])
def test_every_address_of_another_issuers_version_is_not_found(
    complete, other_admin, method, template
):
    path = _address(template, complete)
    response = _send(method, path, person_token(other_admin, scopes.CATALOG_WRITE), {})
    assert response.status_code == 404
    complete.refresh_from_db()
    assert complete.status == VersionStatus.DRAFT
    assert Requirement.objects.filter(version=complete).count() == 1


def test_a_requirement_sent_again_with_its_idempotency_key_is_added_once(draft, system_token):
    ask = {"title": "Lesson plan", "instructions": "Upload the plan.", "evidence_types": ["file"]}
    first = _send(
        "POST", _url(draft, "requirements/"), system_token, ask, HTTP_IDEMPOTENCY_KEY="req-1"
    )
    again = _send(
        "POST", _url(draft, "requirements/"), system_token, ask, HTTP_IDEMPOTENCY_KEY="req-1"
    )
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Location"] == first["Location"]
    assert Requirement.objects.filter(version=draft).count() == 1


# -- The badge image ---------------------------------------------------------------------------


def _image(kind="PNG", size=(64, 64)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 95, 168)).save(buffer, format=kind)
    buffer.seek(0)
    buffer.name = f"badge.{kind.lower()}"
    return buffer


def _upload(version, token, upload):
    return Client().put(
        _url(version, "image/"),
        encode_multipart(BOUNDARY, {"file": upload}),
        content_type=MULTIPART_CONTENT,
        **bearer(token),
    )


def test_a_system_uploads_the_badge_image_of_a_draft(draft, system_token):
    assert not _send("GET", _url(draft), system_token).json()["has_image"]

    response = _upload(draft, system_token, _image())

    assert response.status_code == 200
    assert response.json()["has_image"] is True
    draft.refresh_from_db()
    assert draft.image.name.endswith(".png")


def test_a_jpeg_is_taken_as_the_page_takes_it(draft, admin_token):
    assert _upload(draft, admin_token, _image("JPEG")).json()["has_image"] is True


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: _image("GIF"), id="gif"),
        pytest.param(lambda: io.BytesIO(b"%PDF-1.4 not an image"), id="not-an-image"),
    ],
)
def test_what_is_not_a_png_or_jpeg_is_refused_naming_the_file(draft, admin_token, upload):
    body = upload()
    body.name = getattr(body, "name", "badge.png")
    response = _upload(draft, admin_token, body)

    assert response.status_code == 400
    assert "file" in response.json()["errors"]
    draft.refresh_from_db()
    assert not draft.image


def test_an_image_over_the_size_limit_is_refused(draft, admin_token, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    response = _upload(draft, admin_token, _image())
    assert response.status_code == 400
    assert "larger than" in response.json()["errors"]["file"][0]


def test_the_image_is_removed_and_a_published_versions_image_does_not_change(
    issuer, issuer_admin, complete, admin_token
):
    removed = _send("DELETE", _url(complete, "image/"), admin_token)
    assert removed.status_code == 200
    assert removed.json()["has_image"] is False

    published = published_version(issuer_admin, micro_credential__issuer=issuer)
    assert _upload(published, admin_token, _image()).status_code == 409
    assert _send("DELETE", _url(published, "image/"), admin_token).status_code == 409


def test_the_image_of_another_issuers_draft_is_not_found_or_changed(draft, other_admin):
    token = person_token(other_admin, scopes.CATALOG_WRITE)
    assert _upload(draft, token, _image()).status_code == 404
    assert _send("DELETE", _url(draft, "image/"), token).status_code == 404
    draft.refresh_from_db()
    assert not draft.image


def test_the_image_needs_the_catalog_write_scope(draft, issuer_admin):
    anonymous = Client().put(
        _url(draft, "image/"),
        encode_multipart(BOUNDARY, {"file": _image()}),
        content_type=MULTIPART_CONTENT,
    )
    assert anonymous.status_code == 401
    token = person_token(issuer_admin, scopes.BACKPACK)
    assert _upload(draft, token, _image()).status_code == 403
