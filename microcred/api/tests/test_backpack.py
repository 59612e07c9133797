"""The backpack through the REST API: a person's app lists what its holder enrolled in and
enrolls them in a published micro-credential, by the same rules as the catalog page."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment
from microcred.assessment.services import assign, reviews
from microcred.assessment.tests.factories import qualified_assessor, submitted
from microcred.backpack import services
from microcred.backpack.models import Enrollment
from microcred.catalog import services as catalog
from microcred.catalog.models import Cohort, RubricCriterion
from microcred.catalog.tests.factories import published_version
from microcred.connect import scopes

from .tokens import bearer, person_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(issuer, issuer_admin):
    return published_version(issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def app(earner):
    """The earner's app, allowed to see and change their backpack."""
    return Client(**bearer(person_token(earner, scopes.BACKPACK)))


def _enroll(app, slug, **body):
    return app.post(
        "/api/v1/enrollments/", {"micro_credential": slug, **body}, content_type="application/json"
    )


def _earned(enrollment):
    """The enrollment's attempt reviewed and met by two assessors, so the award is made."""
    for _ in range(2):
        qualified_assessor(enrollment.micro_credential)
    submission = submitted(enrollment)
    assign.sweep()
    criteria = RubricCriterion.objects.filter(requirement__version_id=enrollment.version_id)
    for assignment in Assignment.objects.filter(submission=submission):
        reviews.record_review(
            assignment,
            by=assignment.assessor.user,
            scores={c.pk: (True, "") for c in criteria},
            overall_comment="A clear plan.",
        )
    return submission


def test_enrolling_puts_the_micro_credential_in_the_backpack(app, earner, published):
    response = _enroll(app, published.micro_credential.slug)

    assert response.status_code == 201, response.content
    enrollment = Enrollment.objects.get(earner=earner)
    assert response["Location"].endswith(f"/api/v1/enrollments/{enrollment.pk}/")
    body = response.json()
    assert body["status"] == "in_progress"
    assert body["micro_credential"]["slug"] == published.micro_credential.slug
    assert body["version"] == published.number
    assert body["fee"]["status"] == "free"


def test_enrolling_again_answers_the_same_enrollment_and_adds_none(app, earner, published):
    first = _enroll(app, published.micro_credential.slug)
    again = _enroll(app, published.micro_credential.slug)

    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Enrollment.objects.filter(earner=earner).count() == 1


def test_a_replayed_request_gets_the_first_answer(app, earner, published):
    key = {"HTTP_IDEMPOTENCY_KEY": "enroll-1"}
    body = {"micro_credential": published.micro_credential.slug}
    first = app.post("/api/v1/enrollments/", body, content_type="application/json", **key)
    replay = app.post("/api/v1/enrollments/", body, content_type="application/json", **key)

    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert Enrollment.objects.filter(earner=earner).count() == 1


def test_a_retired_micro_credential_answers_409_with_the_reason(
    app, earner, published, issuer_admin
):
    catalog.retire(published, by=issuer_admin)

    response = _enroll(app, published.micro_credential.slug)

    assert response.status_code == 409
    assert response.json()["detail"] == "This micro-credential is not open to new earners."
    assert not Enrollment.objects.filter(earner=earner).exists()


def test_a_full_cohort_answers_409(app, earner, published):
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        micro_credential=published.micro_credential,
        name="Spring cohort",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=60),
        enrollment_opens_on=today - datetime.timedelta(days=1),
        enrollment_closes_on=today + datetime.timedelta(days=10),
        capacity=1,
    )
    services.enroll(published.micro_credential, by=UserFactory(), cohort=cohort)

    response = _enroll(app, published.micro_credential.slug, cohort=cohort.pk)

    assert response.status_code == 409
    assert response.json()["detail"] == "This cohort is full."


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"micro_credential": "no-such-thing"}, "micro_credential"),
        ({"micro_credential": "x" * 5000}, "micro_credential"),
        ({"micro_credential": 12}, "micro_credential"),
        ({"cohort": -1}, "cohort"),
        ({"cohort": 10**30}, "cohort"),
        ({"cohort": "spring"}, "cohort"),
        ({"cohort": 999999}, "cohort"),
    ],
)
def test_bad_input_answers_400_naming_the_field_and_enrolls_nobody(
    app, earner, published, body, field
):
    body = {"micro_credential": published.micro_credential.slug, **body}
    response = app.post("/api/v1/enrollments/", body, content_type="application/json")

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not Enrollment.objects.filter(earner=earner).exists()


def test_a_missing_micro_credential_is_named(app, earner):
    response = app.post("/api/v1/enrollments/", {}, content_type="application/json")

    assert response.status_code == 400
    assert "micro_credential" in response.json()["errors"]


def test_the_backpack_lists_only_the_holders_enrollments_with_a_status_filter(
    app, earner, issuer, issuer_admin, published
):
    mine = services.enroll(published.micro_credential, by=earner)
    other = published_version(issuer_admin, micro_credential__issuer=issuer, fee=0)
    services.enroll(other.micro_credential, by=UserFactory())

    everything = app.get("/api/v1/enrollments/").json()
    in_progress = app.get("/api/v1/enrollments/?status=in_progress").json()
    earned = app.get("/api/v1/enrollments/?status=earned").json()

    assert [e["id"] for e in everything["results"]] == [mine.pk]
    assert in_progress["count"] == 1
    assert earned["count"] == 0


def test_an_unknown_status_answers_400_naming_it(app):
    response = app.get("/api/v1/enrollments/?status=finished")

    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_an_earned_enrollment_shows_its_award(app, earner, published):
    enrollment = services.enroll(published.micro_credential, by=earner)
    _earned(enrollment)

    body = app.get(f"/api/v1/enrollments/{enrollment.pk}/").json()

    assert body["status"] == "earned"
    assert body["earned_at"] is not None
    assert body["award"]["url"].startswith("http://testserver/")
    assert body["award"]["revoked"] is False
    assert body["latest_attempt"]["state"] == "met"


def test_a_fee_not_yet_paid_shows_as_due(app, earner, issuer, issuer_admin):
    paid = published_version(issuer_admin, micro_credential__issuer=issuer)
    enrollment = services.enroll(paid.micro_credential, by=earner)

    body = app.get(f"/api/v1/enrollments/{enrollment.pk}/").json()

    assert body["fee"] == {"amount": "25.00", "currency": "USD", "status": "due", "method": None}


def test_someone_elses_enrollment_is_not_found(app, published):
    theirs = services.enroll(published.micro_credential, by=UserFactory())

    response = app.get(f"/api/v1/enrollments/{theirs.pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("pk", ["0", "99999999", str(2**70)])
def test_an_unknown_enrollment_is_not_found(app, pk):
    assert app.get(f"/api/v1/enrollments/{pk}/").status_code == 404


def test_no_token_answers_401(published):
    response = Client().get("/api/v1/enrollments/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_without_the_scope_answers_403_naming_it(earner, published):
    app = Client(**bearer(person_token(earner, scopes.SUBMISSIONS)))

    response = _enroll(app, published.micro_credential.slug)

    assert response.status_code == 403
    assert response.json()["scope"] == scopes.BACKPACK
    assert not Enrollment.objects.filter(earner=earner).exists()


def test_a_signed_in_page_session_is_not_a_token(client, earner):
    client.force_login(earner)

    assert client.get("/api/v1/enrollments/").status_code == 401


def _queries(app, earner, issuer, issuer_admin, size) -> int:
    for _ in range(size):
        version = published_version(issuer_admin, micro_credential__issuer=issuer, fee=0)
        services.enroll(version.micro_credential, by=earner)
    with CaptureQueriesContext(connection) as queries:
        assert app.get("/api/v1/enrollments/").status_code == 200
    return len(queries)


def test_the_list_runs_a_fixed_number_of_queries(app, earner, issuer, issuer_admin):
    one = _queries(app, earner, issuer, issuer_admin, 1)
    more = _queries(app, earner, issuer, issuer_admin, 4)

    assert one == more


def test_a_null_character_refuses_the_whole_body(app, earner, published):
    response = _enroll(app, published.micro_credential.slug + "\x00")

    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    assert not Enrollment.objects.filter(earner=earner).exists()
