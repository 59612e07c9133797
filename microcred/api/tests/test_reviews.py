"""Assignments and reviews in the REST API, for an assessor's app: the queue, the blind
packet and its files, accepting and declining offers, and sending a review, exactly as
blind as the review pages."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from microcred.assessment.models import (
    Assignment,
    AssignmentChange,
    AssignmentStatus,
    CriterionScore,
    Decision,
    Review,
)
from microcred.assessment.services import anchor_rotation, assign, reviews
from microcred.assessment.tests.factories import (
    anchor,
    criteria_of,
    qualified_assessor,
    submitted,
)
from microcred.assessment.tests.test_blindness import (
    DISTRICT,
    EMAIL,
    MARKERS,
    NAME,
    SCHOOL,
    _assert_blind,
    _docx_with_author,
    _jpeg_with_exif,
    _pdf_with_author,
)
from microcred.backpack.models import Enrollment
from microcred.catalog.models import Requirement, RubricCriterion
from microcred.catalog.tests.factories import png_upload
from microcred.connect import scopes
from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import SubmissionFactory, enrollment_for

from .tokens import bearer, person_token

pytestmark = pytest.mark.django_db

LIST = "/api/v1/assignments/"


def one(pk: int) -> str:
    return f"/api/v1/assignments/{pk}/"


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def offers(enrollment):
    """The earner's submission offered to two assessors: (mine, the other assessor's)."""
    qualified_assessor(enrollment.micro_credential)
    qualified_assessor(enrollment.micro_credential)
    submission = submitted(enrollment, text="We tallied the exit tickets by question.")
    assign.sweep()
    first, second = Assignment.objects.filter(submission=submission).order_by("label")
    return first, second


@pytest.fixture
def mine(offers):
    return offers[0]


@pytest.fixture
def api(mine):
    """The assessor's app, holding a token with the reviews scope."""
    return Client(**bearer(person_token(mine.assessor.user, scopes.REVIEWS)))


def all_met(assignment) -> dict:
    mc = assignment.submission.enrollment.micro_credential
    return {
        "scores": {str(c.pk): {"met": True} for c in criteria_of(mc)},
        "overall_comment": "Clear evidence for every part.",
    }


def send(client, assignment, body, **headers):
    return client.post(
        f"{one(assignment.pk)}review/", json.dumps(body), content_type="application/json", **headers
    )


# --- the queue -------------------------------------------------------------------------------


def test_the_queue_lists_my_offers_and_nobody_elses(api, offers):
    mine, theirs = offers

    response = api.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["results"]] == [mine.pk]
    assert body["results"][0]["status"] == "offered"
    assert body["results"][0]["submission"] == mine.submission.reference
    assert response["X-Total-Count"] == "1"


def test_the_queue_filters_by_status(api, mine):
    reviews.accept(mine, by=mine.assessor.user)

    offered = api.get(LIST + "?status=offered").json()
    in_hand = api.get(LIST + "?status=offered&status=accepted").json()

    assert offered["count"] == 0
    assert [item["status"] for item in in_hand["results"]] == ["accepted"]


def test_an_unknown_status_is_refused_naming_the_parameter(api):
    response = api.get(LIST + "?status=lost")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "status.0" in response.json()["errors"]


def test_the_queue_reads_the_same_however_long_it_is(api, mine, enrollment):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(LIST).status_code == 200
        return len(captured)

    before = queries()
    for status in (AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED, AssignmentStatus.COMPLETED):
        Assignment.objects.create(
            submission=SubmissionFactory(
                state="in_review",
                enrollment=Enrollment.objects.create(
                    earner=UserFactory(password=None),
                    micro_credential=enrollment.micro_credential,
                    version=enrollment.version,
                ),
            ),
            assessor=mine.assessor,
            label="B",
            status=status,
            respond_by=mine.respond_by,
            due_on=mine.due_on,
        )

    assert api.get(LIST).json()["count"] == 4
    assert queries() == before


def test_the_queue_needs_a_token(mine):
    response = Client().get(LIST)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith('Bearer realm="microcred"')


def test_a_token_without_the_reviews_scope_is_refused_naming_it(mine):
    client = Client(**bearer(person_token(mine.assessor.user, scopes.SUBMISSIONS)))

    response = client.get(one(mine.pk))

    assert response.status_code == 403
    assert response.json()["scope"] == scopes.REVIEWS


# --- one assignment and its packet -----------------------------------------------------------


def test_an_assignment_carries_the_rubric_the_evidence_and_the_due_date(api, mine):
    response = api.get(one(mine.pk))

    assert response.status_code == 200
    body = response.json()
    assert body["due_on"] == mine.due_on.isoformat()
    requirement = Requirement.objects.get(version=mine.submission.enrollment.version)
    [part] = body["requirements"]
    assert part["title"] == requirement.title
    assert [c["id"] for c in part["criteria"]] == list(
        requirement.criteria.order_by("position", "pk").values_list("pk", flat=True)
    )
    assert [e["text"] for e in part["evidence"]] == ["We tallied the exit tickets by question."]
    assert body["review"] is None


def test_someone_elses_assignment_does_not_exist(api, offers):
    _mine, theirs = offers

    for url in (one(theirs.pk), f"{one(theirs.pk)}review/", one(999_999), one(2**40)):
        assert api.get(url).status_code == 404, url


# --- accepting and declining -----------------------------------------------------------------


def test_accepting_an_offer_puts_it_in_hand(api, mine):
    response = api.post(f"{one(mine.pk)}accept/")

    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.ACCEPTED
    assert AssignmentChange.objects.filter(assignment=mine, event="accept").count() == 1


def test_accepting_twice_is_a_conflict_with_the_reason(api, mine):
    api.post(f"{one(mine.pk)}accept/")

    response = api.post(f"{one(mine.pk)}accept/")

    assert response.status_code == 409
    assert response.json()["detail"] == "This review is accepted and can no longer be changed."


def test_declining_hands_the_offer_back_with_the_reason(api, mine):
    response = api.post(
        f"{one(mine.pk)}decline/",
        {"reason": "Too close to my school."},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    change = AssignmentChange.objects.get(assignment=mine, event="decline")
    assert change.reason == "Too close to my school."


@pytest.mark.parametrize(
    "body", [{"reason": "x" * 301}, {"reason": 7}, {"reason": "a\x00b"}, ["reason"]]
)
def test_a_bad_reason_is_refused_and_the_offer_stays(api, mine, body):
    response = api.post(
        f"{one(mine.pk)}decline/", json.dumps(body), content_type="application/json"
    )

    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.OFFERED


def test_someone_elses_offer_cannot_be_accepted_or_declined(api, offers):
    _mine, theirs = offers

    assert api.post(f"{one(theirs.pk)}accept/").status_code == 404
    assert api.post(f"{one(theirs.pk)}decline/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == AssignmentStatus.OFFERED


# --- sending a review ------------------------------------------------------------------------


def test_a_review_with_every_criterion_scored_is_sent(api, mine):
    response = send(api, mine, all_met(mine))

    assert response.status_code == 201
    assert response["Location"] == f"{one(mine.pk)}review/"
    assert response.json()["overall_comment"] == "Clear evidence for every part."
    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.COMPLETED
    assert api.get(response["Location"]).json() == response.json()


def test_a_review_not_yet_sent_is_not_found(api, mine):
    assert api.get(f"{one(mine.pk)}review/").status_code == 404


def test_both_reviews_met_decide_the_submission(api, offers, django_capture_on_commit_callbacks):
    mine, theirs = offers
    with django_capture_on_commit_callbacks(execute=True):
        reviews.record_review(
            theirs,
            by=theirs.assessor.user,
            scores={int(k): (True, "") for k in all_met(theirs)["scores"]},
            overall_comment="Well done.",
        )
        send(api, mine, all_met(mine))

    assert Decision.objects.get(submission=mine.submission).outcome == "met"


def test_a_missing_criterion_is_named_and_nothing_is_written(api, mine):
    requirement = Requirement.objects.get(version=mine.submission.enrollment.version)
    left_out = RubricCriterion.objects.create(
        requirement=requirement, position=2, name="Exit ticket", met_description="It is used."
    )
    body = all_met(mine)
    del body["scores"][str(left_out.pk)]

    response = send(api, mine, body)

    assert response.status_code == 400
    assert response.json()["errors"] == {f"scores.{left_out.pk}": ["Choose Met or Not met."]}
    assert not Review.objects.exists()


def test_not_met_without_feedback_is_refused_with_the_forms_message(api, mine):
    body = all_met(mine)
    criterion = next(iter(body["scores"]))
    body["scores"][criterion] = {"met": False, "feedback": "  "}

    response = send(api, mine, body)

    assert response.status_code == 400
    assert response.json()["errors"][f"scores.{criterion}"] == [
        "Say what is missing: feedback is required for Not met."
    ]
    assert not CriterionScore.objects.exists()


def test_a_criterion_of_another_rubric_is_refused(api, mine):
    body = all_met(mine)
    body["scores"]["999999"] = {"met": True}

    response = send(api, mine, body)

    assert response.status_code == 400
    assert response.json()["errors"]["scores.non_field_errors"] == [
        "The scores do not match this rubric."
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"overall_comment": ""}, "overall_comment"),
        ({"overall_comment": "x" * 10_001}, "overall_comment"),
        ({"overall_comment": ["no"]}, "overall_comment"),
        ({"scores": {}}, "scores"),
        ({"scores": "all met"}, "scores"),
        ({"scores": {"-1": {"met": True}}}, "scores"),
        ({"scores": {"first": {"met": True}}}, "scores"),
        ({"scores": {"99999999999999999999": {"met": True}}}, "scores"),
        ({"scores": {"1": {"met": "perhaps"}}}, "scores.1.met"),
        ({"scores": {"1": {"feedback": "missing met"}}}, "scores.1.met"),
        ({"scores": {"1": {"met": False, "feedback": "x" * 10_001}}}, "scores.1.feedback"),
        ({"scores": {"1": "met"}}, "scores.1.non_field_errors"),
    ],
)
def test_bad_input_is_named_and_nothing_is_written(api, mine, change, field):
    response = send(api, mine, {**all_met(mine), **change})

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Review.objects.exists()


def test_a_null_character_refuses_the_whole_review(api, mine):
    response = send(api, mine, {**all_met(mine), "overall_comment": "a\x00b"})

    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    assert not Review.objects.exists()


def test_a_body_that_is_not_json_is_refused(api, mine):
    response = api.post(f"{one(mine.pk)}review/", "scores=met", content_type="text/plain")

    assert response.status_code == 415
    assert not Review.objects.exists()


def test_a_review_of_a_declined_offer_is_a_conflict_with_the_reason(api, mine):
    reviews.decline(mine, by=mine.assessor.user)

    response = send(api, mine, all_met(mine))

    assert response.status_code == 409
    assert response.json()["detail"] == "This review is declined and can no longer be changed."
    assert not Review.objects.exists()


def test_a_second_review_of_the_same_assignment_is_a_conflict(api, mine):
    send(api, mine, all_met(mine))

    response = send(api, mine, all_met(mine))

    assert response.status_code == 409
    assert Review.objects.count() == 1


def test_sending_again_with_the_same_key_replays_the_answer(api, mine):
    first = send(api, mine, all_met(mine), HTTP_IDEMPOTENCY_KEY="review-1")

    again = send(api, mine, all_met(mine), HTTP_IDEMPOTENCY_KEY="review-1")

    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Review.objects.count() == 1


def test_someone_elses_assignment_cannot_be_reviewed(api, offers):
    _mine, theirs = offers

    response = send(api, theirs, all_met(theirs))

    assert response.status_code == 404
    assert not Review.objects.exists()


# --- blindness -------------------------------------------------------------------------------


def test_the_other_assessors_scores_are_never_shown(api, offers):
    mine, theirs = offers
    reviews.record_review(
        theirs,
        by=theirs.assessor.user,
        scores={int(k): (False, "Unmistakable remark 5c1d.") for k in all_met(theirs)["scores"]},
        overall_comment="Another unmistakable remark 8e2f.",
    )
    answers = [api.get(one(mine.pk)), send(api, mine, all_met(mine)), api.get(one(mine.pk))]

    for response in answers:
        assert b"5c1d" not in response.content
        assert b"8e2f" not in response.content


def test_an_anchor_looks_like_any_other_assignment(api, mine, issuer_admin):
    mc = mine.submission.enrollment.micro_credential
    placed = anchor_rotation.anchor_offer(
        anchor(mc, by=issuer_admin), mine.assessor, now=mine.offered_at
    )

    listed = {item["id"]: item for item in api.get(LIST).json()["results"]}
    ordinary, anchored = api.get(one(mine.pk)).json(), api.get(one(placed.pk)).json()

    assert set(listed) == {mine.pk, placed.pk}
    assert listed[placed.pk].keys() == listed[mine.pk].keys()
    assert anchored.keys() == ordinary.keys()
    assert (anchored["status"], anchored["purpose"], anchored["attempt"]) == (
        ordinary["status"],
        ordinary["purpose"],
        ordinary["attempt"],
    )
    assert "anchor" not in json.dumps([listed[placed.pk], anchored]).lower()
    sent = send(api, placed, all_met(placed))
    assert sent.status_code == 201
    assert "anchor" not in sent.content.decode().lower()


def _walk(value, where: str):
    """Every string in an answer, however deep."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(key, where)
            yield from _walk(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for at, inner in enumerate(value):
            yield from _walk(inner, f"{where}.{at}")
    elif value is not None:
        yield str(value), where


@pytest.fixture
def marked_submission(issuer, issuer_admin):
    """A submission whose earner's name, e-mail, school and district are unmistakable,
    with files that carry them in their names and metadata."""
    district = OrganizationFactory(kind="district", name=DISTRICT)
    earner = UserFactory(name=NAME, email=EMAIL, school=SCHOOL)
    MembershipFactory(user=earner, organization=district, role=Role.EARNER)
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    requirement = Requirement.objects.get(version=enrollment.version)
    requirement.evidence_types = ["file", "text"]
    requirement.save()
    submission = submissions.start_attempt(enrollment, by=earner)
    submissions.save_text(submission, requirement, by=earner, kind="text", text="We ran it twice.")
    for name, data in (
        (f"{NAME} plan.pdf", _pdf_with_author()),
        (f"{SCHOOL} board.jpg", _jpeg_with_exif()),
        (f"{DISTRICT}/{EMAIL}.docx", _docx_with_author()),
    ):
        submissions.add_file(
            submission, requirement, by=earner, upload=SimpleUploadedFile(name, data)
        )
    return submissions.submit(submission, by=earner)


def test_no_answer_names_the_earner(marked_submission):
    mc = marked_submission.enrollment.micro_credential
    qualified_assessor(mc), qualified_assessor(mc)
    assign.sweep()
    first, second = Assignment.objects.filter(submission=marked_submission).order_by("label")
    api = Client(**bearer(person_token(first.assessor.user, scopes.REVIEWS)))
    other = Client(**bearer(person_token(second.assessor.user, scopes.REVIEWS)))
    earner = marked_submission.enrollment.earner
    detail = api.get(one(first.pk))
    downloads = [
        item["download"]
        for part in detail.json()["requirements"]
        for item in part["evidence"]
        if item["download"]
    ]
    bad = dict(all_met(first))
    bad["scores"] = {key: {"met": False} for key in bad["scores"]}
    answers = {
        "the queue": api.get(LIST),
        "the assignment": detail,
        "accepting": api.post(f"{one(first.pk)}accept/"),
        "refused scores": send(api, first, bad),
        "the review": send(api, first, all_met(first)),
        "the review read again": api.get(f"{one(first.pk)}review/"),
        "the finished assignment": api.get(one(first.pk)),
        "declining": other.post(f"{one(second.pk)}decline/"),
        "the declined assignment": other.get(one(second.pk)),
        "the finished queue": api.get(LIST + "?status=completed"),
    }

    assert len(downloads) == 3
    for where, response in answers.items():
        assert response.status_code < 500, where
        for text, path in _walk(response.json(), where):
            for marker in (*MARKERS, earner.name, earner.email):
                assert marker.lower() not in text.lower(), f"{marker!r} in {path}"
    for url in downloads:
        served = api.get(url)
        assert served.status_code == 200
        _assert_blind(served.content, url)


# --- evidence files --------------------------------------------------------------------------


@pytest.fixture
def with_file(issuer, issuer_admin):
    """Another earner's submission with a photo, offered to one assessor."""
    enrollment = enrollment_for(
        UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    qualified_assessor(enrollment.micro_credential)
    earner = enrollment.earner
    submission = submissions.start_attempt(enrollment, by=earner)
    requirement = Requirement.objects.get(version=enrollment.version)
    submissions.save_text(submission, requirement, by=earner, kind="text", text="See the photo.")
    evidence = submissions.add_file(submission, requirement, by=earner, upload=png_upload("me.png"))
    submissions.submit(submission, by=earner)
    assign.sweep()
    return Assignment.objects.get(submission=submission), evidence


def test_a_file_is_served_under_a_neutral_name(with_file):
    assignment, evidence = with_file
    api = Client(**bearer(person_token(assignment.assessor.user, scopes.REVIEWS)))

    response = api.get(f"{one(assignment.pk)}evidence/{evidence.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == (
        f'attachment; filename="evidence-{assignment.label}-{evidence.pk}.png"'
    )


def test_a_file_of_another_submission_does_not_exist(with_file, mine):
    assignment, evidence = with_file
    api = Client(**bearer(person_token(mine.assessor.user, scopes.REVIEWS)))

    assert api.get(f"{one(mine.pk)}evidence/{evidence.pk}/").status_code == 404
    assert api.get(f"{one(assignment.pk)}evidence/{evidence.pk}/").status_code == 404
    assert api.get(f"{one(mine.pk)}evidence/{2**40}/").status_code == 404


def test_the_files_of_a_declined_offer_are_no_longer_served(with_file):
    assignment, evidence = with_file
    user = assignment.assessor.user
    reviews.decline(assignment, by=user)
    api = Client(**bearer(person_token(user, scopes.REVIEWS)))

    response = api.get(f"{one(assignment.pk)}evidence/{evidence.pk}/")

    assert response.status_code == 403
    assert api.get(one(assignment.pk)).json()["requirements"][0]["evidence"][1]["download"] is None
