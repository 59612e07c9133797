"""Submissions through the REST API: a person's app prepares its holder's evidence,
submits and withdraws through the submission services, and reads the results the
submission page shows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment
from microcred.assessment.services import assign, reviews
from microcred.assessment.tests.factories import qualified_assessor
from microcred.catalog.models import Requirement, RubricCriterion
from microcred.connect import scopes
from microcred.payments import services as fee_services
from microcred.submissions import services
from microcred.submissions.models import Evidence, StateChange, Submission
from microcred.submissions.states import State
from microcred.submissions.tests.factories import enrollment_for

from .tokens import bearer, person_token

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def draft(enrollment, earner):
    return services.start_attempt(enrollment, by=earner)


@pytest.fixture
def requirement(enrollment):
    return Requirement.objects.get(version=enrollment.version)  # accepts file and text


@pytest.fixture
def app(earner):
    return Client(**bearer(person_token(earner, scopes.SUBMISSIONS)))


def _url(submission, tail=""):
    return f"/api/v1/submissions/{submission.reference}/{tail}"


def _answer(app, submission, requirement, text, kind="text"):
    return app.put(
        _url(submission, f"requirements/{requirement.pk}/answers/{kind}/"),
        {"text": text},
        content_type="application/json",
    )


def _submitted(app, draft, requirement):
    _answer(app, draft, requirement, "The plan, the protocol and what happened.")
    return app.post(_url(draft, "submit/"))


def _decide(submission, *, met: bool):
    """Two assessors review the submission; both say `met`."""
    criteria = RubricCriterion.objects.filter(
        requirement__version_id=submission.enrollment.version_id
    )
    for assignment in Assignment.objects.filter(submission=submission).order_by("label"):
        reviews.record_review(
            assignment,
            by=assignment.assessor.user,
            scores={c.pk: (met, "" if met else "Name the protocol.") for c in criteria},
            overall_comment="Thank you for the detailed plan.",
        )


# --- starting an attempt ---------------------------------------------------------------


def test_starting_makes_a_draft_and_says_where_it_is(app, enrollment):
    response = app.post(f"/api/v1/enrollments/{enrollment.pk}/submissions/")

    assert response.status_code == 201, response.content
    submission = Submission.objects.get(enrollment=enrollment)
    assert response["Location"].endswith(f"/api/v1/submissions/{submission.reference}/")
    assert response.json()["state"] == "draft"


def test_starting_again_answers_the_open_draft(app, enrollment, draft):
    response = app.post(f"/api/v1/enrollments/{enrollment.pk}/submissions/")

    assert response.status_code == 200
    assert response.json()["reference"] == draft.reference
    assert Submission.objects.filter(enrollment=enrollment).count() == 1


def test_a_replayed_start_creates_nothing_more(app, enrollment):
    key = {"HTTP_IDEMPOTENCY_KEY": "start-1"}
    first = app.post(f"/api/v1/enrollments/{enrollment.pk}/submissions/", **key)
    replay = app.post(f"/api/v1/enrollments/{enrollment.pk}/submissions/", **key)

    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert Submission.objects.filter(enrollment=enrollment).count() == 1


def test_starting_on_someone_elses_enrollment_is_not_found(app, issuer, issuer_admin):
    theirs = enrollment_for(
        UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )

    response = app.post(f"/api/v1/enrollments/{theirs.pk}/submissions/")

    assert response.status_code == 404
    assert not Submission.objects.filter(enrollment=theirs).exists()


# --- reading ---------------------------------------------------------------------------


def test_the_list_shows_only_the_holders_submissions_filtered_by_state_and_enrollment(
    app, draft, enrollment, issuer, issuer_admin
):
    theirs = enrollment_for(
        UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    services.start_attempt(theirs, by=theirs.earner)

    everything = app.get("/api/v1/submissions/").json()
    drafts = app.get("/api/v1/submissions/?state=draft").json()
    met = app.get("/api/v1/submissions/?state=met").json()
    by_enrollment = app.get(f"/api/v1/submissions/?enrollment={theirs.pk}").json()

    assert [s["reference"] for s in everything["results"]] == [draft.reference]
    assert drafts["count"] == 1
    assert met["count"] == 0
    assert by_enrollment["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [("state=finished", "state"), ("enrollment=-1", "enrollment"), ("enrollment=x", "enrollment")],
)
def test_a_bad_filter_answers_400_naming_it(app, query, field):
    response = app.get(f"/api/v1/submissions/?{query}")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_draft_shows_its_requirements_evidence_and_what_is_missing(app, draft, requirement):
    _answer(app, draft, requirement, "My plan.")

    body = app.get(_url(draft)).json()

    assert body["state"] == "draft"
    assert (body["can_edit"], body["can_submit"], body["can_withdraw"]) == (True, True, True)
    [shown] = body["requirements"]
    assert shown["id"] == requirement.pk
    assert shown["missing"] is False
    assert [(e["kind"], e["text"]) for e in shown["evidence"]] == [("text", "My plan.")]
    assert body["fee"]["status"] == "free"


def test_someone_elses_submission_is_not_found_anywhere(app, issuer, issuer_admin):
    theirs = enrollment_for(
        UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    submission = services.start_attempt(theirs, by=theirs.earner)
    requirement = Requirement.objects.get(version=theirs.version)

    assert app.get(_url(submission)).status_code == 404
    assert _answer(app, submission, requirement, "Mine now").status_code == 404
    assert app.post(_url(submission, "submit/")).status_code == 404
    assert app.post(_url(submission, "withdraw/")).status_code == 404
    assert not Evidence.objects.filter(submission=submission).exists()
    assert Submission.objects.get(pk=submission.pk).state == State.DRAFT


@pytest.mark.parametrize("reference", ["MC-NOTHING1", "x" * 300, "MC-%00AAAA"])
def test_an_unknown_submission_is_not_found(app, reference):
    assert app.get(f"/api/v1/submissions/{reference}/").status_code == 404


def test_no_token_answers_401(draft):
    assert Client().get(_url(draft)).status_code == 401


def test_a_token_without_the_scope_answers_403_naming_it(earner, draft, requirement):
    app = Client(**bearer(person_token(earner, scopes.BACKPACK)))

    response = _answer(app, draft, requirement, "My plan.")

    assert response.status_code == 403
    assert response.json()["scope"] == scopes.SUBMISSIONS
    assert not Evidence.objects.filter(submission=draft).exists()


# --- writing a draft -------------------------------------------------------------------


def test_an_answer_is_saved_and_saved_again_in_place(app, draft, requirement):
    first = _answer(app, draft, requirement, "First thoughts.")
    second = _answer(app, draft, requirement, "Better thoughts.")

    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Evidence.objects.get(submission=draft).text == "Better thoughts."


def test_an_empty_answer_removes_it(app, draft, requirement):
    _answer(app, draft, requirement, "First thoughts.")

    response = _answer(app, draft, requirement, "   ")

    assert response.status_code == 204
    assert not Evidence.objects.filter(submission=draft).exists()


def test_a_kind_the_requirement_does_not_take_answers_400(app, draft, requirement):
    response = _answer(app, draft, requirement, "Looking back.", kind="reflection")

    assert response.status_code == 400
    assert "kind" in response.json()["errors"]
    assert not Evidence.objects.filter(submission=draft).exists()


@pytest.mark.parametrize(
    "body",
    [{"text": "x" * 100_001}, {"text": 12}, {"text": None}, {}, []],
)
def test_an_answer_that_cannot_be_saved_answers_400_naming_the_text(app, draft, requirement, body):
    response = app.put(
        _url(draft, f"requirements/{requirement.pk}/answers/text/"),
        body,
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "text" in response.json()["errors"] or "non_field_errors" in response.json()["errors"]
    assert not Evidence.objects.filter(submission=draft).exists()


@pytest.mark.parametrize("tail", ["requirements/999999/answers/text/", "requirements/1/answers/x/"])
def test_an_unknown_requirement_or_kind_is_not_found(app, draft, tail):
    response = app.put(_url(draft, tail), {"text": "Hello"}, content_type="application/json")

    assert response.status_code == 404


def test_a_link_is_added_with_its_address(app, draft, requirement):
    Requirement.objects.filter(pk=requirement.pk).update(evidence_types=["link"])

    response = app.post(
        _url(draft, f"requirements/{requirement.pk}/links/"),
        {"url": "https://example.org/lesson"},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    evidence = Evidence.objects.get(submission=draft)
    assert response["Location"].endswith(_url(draft, f"evidence/{evidence.pk}/"))
    assert response.json()["url"] == "https://example.org/lesson"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "not a link", ""])
def test_a_bad_link_answers_400_naming_the_url(app, draft, requirement, url):
    Requirement.objects.filter(pk=requirement.pk).update(evidence_types=["link"])

    response = app.post(
        _url(draft, f"requirements/{requirement.pk}/links/"),
        {"url": url},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "url" in response.json()["errors"]
    assert not Evidence.objects.filter(submission=draft).exists()


def test_a_file_is_uploaded_checked_and_downloaded_again(app, draft, requirement):
    response = app.post(
        _url(draft, f"requirements/{requirement.pk}/files/"),
        {"file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["size"], body["content_type"]) == (
        "plan.pdf",
        len(PDF),
        "application/pdf",
    )
    download = app.get(body["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_file_that_is_not_what_it_claims_answers_400_with_the_reason(app, draft, requirement):
    response = app.post(
        _url(draft, f"requirements/{requirement.pk}/files/"),
        {"file": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\0" * 64, "application/pdf")},
    )

    assert response.status_code == 400
    assert "plan.pdf" in response.json()["errors"]["file"][0]
    assert not Evidence.objects.filter(submission=draft).exists()


def test_an_upload_without_a_file_answers_400_naming_it(app, draft, requirement):
    response = app.post(_url(draft, f"requirements/{requirement.pk}/files/"), {"note": "x"})

    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_evidence_is_removed_from_a_draft(app, draft, requirement, earner):
    evidence = services.save_text(draft, requirement, by=earner, kind="text", text="Plan")

    response = app.delete(_url(draft, f"evidence/{evidence.pk}/"))

    assert response.status_code == 204
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


# --- submitting and withdrawing ----------------------------------------------------------


def test_submitting_sends_the_draft_for_review(app, draft, requirement):
    response = _submitted(app, draft, requirement)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "submitted"
    assert body["due_on"] is not None
    assert [(h["from_state"], h["to_state"], h["by_you"]) for h in body["history"]] == [
        ("draft", "submitted", True)
    ]


def test_submitting_with_a_requirement_unanswered_answers_409_with_the_reason(app, draft):
    response = app.post(_url(draft, "submit/"))

    assert response.status_code == 409
    assert response.json()["detail"].startswith("Some requirements have no evidence yet")
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_submitting_before_the_fee_is_paid_answers_409(earner, issuer, issuer_admin, app):
    enrollment = enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    draft = services.start_attempt(enrollment, by=earner)
    requirement = Requirement.objects.get(version=enrollment.version)

    response = _submitted(app, draft, requirement)

    assert response.status_code == 409
    assert "fee" in response.json()["detail"]
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_a_submitted_submission_cannot_be_changed_or_submitted_again(app, draft, requirement):
    _submitted(app, draft, requirement)

    again = app.post(_url(draft, "submit/"))
    edit = _answer(app, draft, requirement, "An afterthought.")

    assert (again.status_code, edit.status_code) == (409, 409)
    assert again.json()["detail"] == "A submission that is submitted cannot be changed."
    assert Evidence.objects.get(submission=draft).text.startswith("The plan")


def test_withdrawing_takes_it_back_with_the_reason_kept(app, draft, requirement):
    _submitted(app, draft, requirement)

    response = app.post(
        _url(draft, "withdraw/"), {"reason": "Wrong file"}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "withdrawn"
    assert StateChange.objects.filter(submission=draft).last().reason == "Wrong file"


def test_withdrawing_after_review_started_answers_409(app, draft, requirement, enrollment):
    for _ in range(2):
        qualified_assessor(enrollment.micro_credential)
    _submitted(app, draft, requirement)
    assign.sweep()
    first = Assignment.objects.filter(submission=draft).first()
    reviews.accept(first, by=first.assessor.user)

    response = app.post(_url(draft, "withdraw/"))

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Review has started; this submission can no longer be withdrawn."
    )
    assert Submission.objects.get(pk=draft.pk).state == State.IN_REVIEW


def test_a_withdrawn_submission_cannot_be_withdrawn_again(app, draft):
    app.post(_url(draft, "withdraw/"))

    response = app.post(_url(draft, "withdraw/"))

    assert response.status_code == 409
    assert response.json()["detail"] == "A submission that is withdrawn cannot be withdrawn."


@pytest.mark.parametrize("body", [{"reason": "x" * 501}, {"reason": 5}])
def test_a_bad_reason_answers_400_and_withdraws_nothing(app, draft, body):
    response = app.post(_url(draft, "withdraw/"), body, content_type="application/json")

    assert response.status_code == 400
    assert "reason" in response.json()["errors"]
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


# --- results ---------------------------------------------------------------------------


def test_a_decision_shows_results_by_assessor_letter_and_feedback_for_the_next_attempt(
    app, draft, requirement, enrollment, earner
):
    for _ in range(2):
        qualified_assessor(enrollment.micro_credential)
    _submitted(app, draft, requirement)
    assign.sweep()
    _decide(draft, met=False)

    decided = app.get(_url(draft)).json()
    revision = app.post(f"/api/v1/enrollments/{enrollment.pk}/submissions/").json()

    assert decided["results"]["outcome"] == "not_met"
    [criterion] = decided["results"]["criteria"]
    assert {j["assessor"] for j in criterion["judgements"]} == {"A", "B"}
    assert {j["feedback"] for j in criterion["judgements"]} == {"Name the protocol."}
    assert revision["attempt"] == 2
    assert revision["feedback_to_revise"]["attempt"] == 1
    assert revision["feedback_to_revise"]["criteria"][0]["met"] is False
    assert "@" not in str(decided["results"])


def test_a_replayed_upload_stores_the_file_once(app, draft, requirement):
    def upload():
        return app.post(
            _url(draft, f"requirements/{requirement.pk}/files/"),
            {"file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")},
            HTTP_IDEMPOTENCY_KEY="plan-1",
        )

    first, replay = upload(), upload()

    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay["Idempotent-Replayed"] == "true"
    assert Evidence.objects.filter(submission=draft).count() == 1


def test_the_same_key_with_another_file_is_refused(app, draft, requirement):
    url = _url(draft, f"requirements/{requirement.pk}/files/")
    app.post(url, {"file": SimpleUploadedFile("plan.pdf", PDF)}, HTTP_IDEMPOTENCY_KEY="plan-1")

    other = app.post(
        url,
        {"file": SimpleUploadedFile("plan.pdf", PDF.replace(b"1.4", b"1.5"))},
        HTTP_IDEMPOTENCY_KEY="plan-1",
    )

    assert other.status_code == 422
    assert Evidence.objects.filter(submission=draft).count() == 1


def _list_queries(app, earner, issuer, issuer_admin, size) -> int:
    for _ in range(size):
        enrollment = enrollment_for(
            earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
        )
        services.start_attempt(enrollment, by=earner)
    with CaptureQueriesContext(connection) as queries:
        assert app.get("/api/v1/submissions/").status_code == 200
    return len(queries)


def test_the_list_runs_a_fixed_number_of_queries(app, earner, issuer, issuer_admin):
    one = _list_queries(app, earner, issuer, issuer_admin, 1)
    more = _list_queries(app, earner, issuer, issuer_admin, 4)

    assert one == more


# --- collaboration ---------------------------------------------------------------------


def _collaboration(app, submission, body):
    return app.put(_url(submission, "collaboration/"), body, content_type="application/json")


def test_collaborators_are_declared_and_read_back(app, draft):
    response = _collaboration(
        app,
        draft,
        {
            "collaborated": True,
            "note": "We planned together; I taught the lesson.",
            "collaborators": [{"name": "Casey Lin casey@example.org"}],
        },
    )

    assert response.status_code == 200, response.content
    assert response.json()["collaborators"] == [
        {"name": "Casey Lin", "email": "casey@example.org", "contribution": ""}
    ]
    assert app.get(_url(draft)).json()["collaboration"]["collaborated"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"collaborated": True, "note": "", "collaborators": [{"name": "Casey"}]}, "note"),
        ({"collaborated": True, "note": "Shared", "collaborators": []}, "collaborators"),
        (
            {
                "collaborated": True,
                "note": "Shared",
                "collaborators": [{"email": "not-an-address"}],
            },
            "collaborators",
        ),
        ({"collaborated": "yes"}, "collaborated"),
        ({"collaborated": 1}, "collaborated"),
        ({}, "collaborated"),
        (
            {"collaborated": True, "note": "x", "collaborators": [{"name": 5}]},
            "collaborators.0.name",
        ),
        ({"collaborated": True, "note": "x", "collaborators": [{}] * 51}, "collaborators"),
    ],
)
def test_a_collaboration_that_cannot_be_saved_answers_400_naming_the_field(app, draft, body, field):
    response = _collaboration(app, draft, body)

    assert response.status_code == 400, response.content
    assert any(name.startswith(field) for name in response.json()["errors"])
    assert not Submission.objects.get(pk=draft.pk).collaborated


def test_a_submitted_collaboration_cannot_be_changed(app, draft, requirement):
    _submitted(app, draft, requirement)

    response = _collaboration(app, draft, {"collaborated": False})

    assert response.status_code == 409


# --- what is left once a draft is sent ---------------------------------------------------


def test_a_paid_fee_shows_how_it_was_paid(app, earner, issuer):
    enrollment = enrollment_for(
        earner, issuer_admin=UserFactory(is_staff=True), micro_credential__issuer=issuer
    )
    batch = fee_services.create_voucher_batch(
        issuer, by=UserFactory(is_staff=True), name="Pilot", count=1
    )
    fee_services.redeem_voucher(enrollment, by=earner, code=batch.vouchers.get().code)
    draft = services.start_attempt(enrollment, by=earner)

    fee = app.get(_url(draft)).json()["fee"]

    assert (fee["status"], fee["method"]) == ("paid", "voucher")


def test_an_answer_outside_its_word_limits_is_shown_and_refused_on_submit(app, draft, requirement):
    Requirement.objects.filter(pk=requirement.pk).update(min_words=5)
    _answer(app, draft, requirement, "Too short.")

    shown = app.get(_url(draft)).json()["requirements"][0]["problems"]
    submitted = app.post(_url(draft, "submit/"))

    assert len(shown) == 1
    assert shown[0].startswith("2 words")
    assert submitted.status_code == 409
    assert "Lesson plan" in submitted.json()["detail"]


def test_once_earned_no_new_attempt_starts(app, draft, requirement, enrollment):
    for _ in range(2):
        qualified_assessor(enrollment.micro_credential)
    _submitted(app, draft, requirement)
    assign.sweep()
    _decide(draft, met=True)

    response = app.post(f"/api/v1/enrollments/{enrollment.pk}/submissions/")

    assert response.status_code == 409
    assert response.json()["detail"] == "You have already earned this micro-credential."


def test_a_sent_draft_takes_no_links_and_keeps_its_evidence(app, draft, requirement, earner):
    Requirement.objects.filter(pk=requirement.pk).update(evidence_types=["link", "text"])
    requirement.refresh_from_db()
    link = services.add_link(draft, requirement, by=earner, url="https://example.org/a")
    _submitted(app, draft, requirement)

    added = app.post(
        _url(draft, f"requirements/{requirement.pk}/links/"),
        {"url": "https://example.org/b"},
        content_type="application/json",
    )
    removed = app.delete(_url(draft, f"evidence/{link.pk}/"))
    uploaded = app.post(
        _url(draft, f"requirements/{requirement.pk}/files/"),
        {"file": SimpleUploadedFile("plan.pdf", PDF)},
    )

    assert (added.status_code, removed.status_code, uploaded.status_code) == (409, 409, 409)
    assert Evidence.objects.filter(submission=draft).count() == 2


def test_one_piece_of_evidence_is_read_and_only_files_download(app, draft, requirement, earner):
    answer = services.save_text(draft, requirement, by=earner, kind="text", text="Plan")

    shown = app.get(_url(draft, f"evidence/{answer.pk}/"))
    download = app.get(_url(draft, f"evidence/{answer.pk}/file/"))
    unknown = app.get(_url(draft, "evidence/999999/"))

    assert shown.json()["text"] == "Plan"
    assert shown.json()["download_url"] is None
    assert (download.status_code, unknown.status_code) == (404, 404)


def test_a_file_gone_from_storage_is_not_found_rather_than_an_error(app, draft, requirement):
    uploaded = app.post(
        _url(draft, f"requirements/{requirement.pk}/files/"),
        {"file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")},
    ).json()
    evidence = Evidence.objects.get(pk=uploaded["id"])
    evidence.file.storage.delete(evidence.file.name)

    assert app.get(uploaded["download_url"]).status_code == 404


@pytest.mark.parametrize(
    ("method", "tail", "body"),
    [
        ("put", "requirements/{r}/answers/text/", {"text": "a\x00b"}),
        ("post", "requirements/{r}/links/", {"url": "https://\x00.org"}),
        ("put", "collaboration/", {"collaborated": True, "note": "a\x00", "collaborators": []}),
        ("post", "withdraw/", {"reason": "a\x00"}),
    ],
)
def test_a_null_character_refuses_the_whole_body_and_changes_nothing(
    app, draft, requirement, method, tail, body
):
    url = _url(draft, tail.format(r=requirement.pk))

    response = getattr(app, method)(url, body, content_type="application/json")

    assert response.status_code == 400
    assert "null character" in response.json()["detail"]
    assert not Evidence.objects.filter(submission=draft).exists()
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT
