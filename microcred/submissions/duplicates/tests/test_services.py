import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.notifications.models import Notification
from microcred.submissions import services as submissions
from microcred.submissions import workflow
from microcred.submissions.duplicates import services
from microcred.submissions.duplicates.models import (
    Band,
    Check,
    Fingerprint,
    Flag,
    FlagAction,
    FlagEvent,
    FlagStatus,
    MatchKind,
)
from microcred.submissions.models import Collaborator, Evidence, Submission
from microcred.submissions.states import Event, State

from .factories import (
    ANOTHER_INDEPENDENT,
    INDEPENDENT,
    LIGHTLY_EDITED,
    ORIGINAL,
    photo,
    submitted,
    upload,
)

pytestmark = pytest.mark.django_db


def _check(submission):
    return services.check_submission(submission.pk)


def _flag_between(a, b):
    return Flag.objects.filter(submission=b, other=a).first()


def test_a_lightly_edited_copy_of_another_earners_answer_is_flagged(version):
    first = submitted(version, text=ORIGINAL)
    _check(first)
    copy = submitted(version, text=LIGHTLY_EDITED)

    check = _check(copy)

    flag = _flag_between(first, copy)
    assert check.flags == 1
    assert flag.status == FlagStatus.OPEN
    assert [m.kind for m in flag.matches.all()] == [MatchKind.TEXT]
    assert flag.similarity >= services.MIN_JACCARD
    assert FlagEvent.objects.get(flag=flag).action == FlagAction.RAISED


def test_independent_answers_about_the_same_practice_are_not_flagged(version):
    for text in (ORIGINAL, INDEPENDENT, ANOTHER_INDEPENDENT):
        _check(submitted(version, text=text))

    assert not Flag.objects.exists()
    assert Check.objects.count() == 3


def test_work_declared_as_shared_by_either_earner_is_not_flagged(version):
    partner = UserFactory(name="Pat Partner")
    first = submitted(version, earner=partner, text=ORIGINAL)
    _check(first)
    declaring = submitted(version, text=LIGHTLY_EDITED, collaborators=[partner])

    check = _check(declaring)

    assert check.candidates == 1
    assert check.flags == 0
    assert not Flag.objects.exists()


def test_a_collaboration_declared_only_by_the_earlier_earner_also_excuses_the_pair(version):
    later_earner = UserFactory(name="Lee Later")
    first = submitted(version, text=ORIGINAL, collaborators=[later_earner])
    _check(first)

    _check(submitted(version, earner=later_earner, text=LIGHTLY_EDITED))

    assert not Flag.objects.exists()


def test_name_and_address_on_one_line_no_longer_mislead_the_duplicate_check(version):
    casey = UserFactory(name="Casey Lin", email="casey@x.org")
    first = submitted(version, earner=casey, text=ORIGINAL)
    services.check_submission(first.pk)
    mine = submitted(
        version, text=LIGHTLY_EDITED, collaborators=[Collaborator(name="Casey Lin casey@x.org")]
    )

    check = services.check_submission(mine.pk)

    assert check.candidates == 1
    assert not Flag.objects.exists()


def test_a_resubmission_is_not_a_duplicate_of_the_earners_own_earlier_attempt(version, earner):
    first = submitted(version, earner=earner, text=ORIGINAL)
    _check(first)
    workflow.advance(first, Event.ASSIGN, by=None)
    workflow.advance(first, Event.NOT_MEET, by=None)

    second = submitted(version, earner=earner)  # carries the same answer over

    check = _check(second)
    assert second.attempt == 2
    assert check.fingerprints == 1
    assert check.flags == 0


def test_an_identical_file_is_flagged(version):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\nlesson plan for exit tickets\n"
    first = submitted(version, files=[SimpleUploadedFile("plan.pdf", pdf)])
    _check(first)
    copy = submitted(version, files=[SimpleUploadedFile("my plan.pdf", pdf)])

    _check(copy)

    assert [m.kind for m in _flag_between(first, copy).matches.all()] == [MatchKind.FILE]


def test_a_resized_re_encoded_copy_of_a_photo_is_flagged(version):
    first = submitted(version, files=[upload(photo(7), quality=92)])
    _check(first)
    smaller = photo(7).resize((400, 300))
    copy = submitted(version, files=[upload(smaller, fmt="PNG", name="board.png")])

    _check(copy)

    match = _flag_between(first, copy).matches.get()
    assert match.kind == MatchKind.PICTURE
    assert match.distance <= 6


def test_a_different_photo_is_not_flagged(version):
    _check(submitted(version, files=[upload(photo(7))]))
    _check(submitted(version, files=[upload(photo(8))]))

    assert not Flag.objects.exists()


def test_a_file_that_claims_to_be_a_picture_gets_no_picture_hash_but_its_copy_is_flagged(
    version,
):
    # A picture's header (which the upload check reads) over pixels that are not there.
    whole = io.BytesIO()
    photo(1, size=(64, 48)).save(whole, format="PNG")
    header_end = whole.getvalue().index(b"IDAT") + 8
    broken = whole.getvalue()[:header_end] + b"not really a picture " * 40
    first = submitted(version, files=[SimpleUploadedFile("a.png", broken)])
    check = _check(first)
    copy = submitted(version, files=[SimpleUploadedFile("b.png", broken)])
    _check(copy)

    fingerprint = Fingerprint.objects.get(submission=first)
    assert check.fingerprints == 1
    assert fingerprint.picture_hash is None
    assert fingerprint.sha256
    assert _flag_between(first, copy).matches.get().kind == MatchKind.FILE


def test_a_100000_word_answer_is_checked_without_error(version):
    vocabulary = (ORIGINAL + " " + INDEPENDENT).split()
    huge = " ".join(vocabulary[(i * 7919) % len(vocabulary)] for i in range(100_000))
    submission = submitted(version, text="A short answer for now, to be replaced.")
    Evidence.objects.filter(submission=submission).update(text=huge)

    check = _check(submission)

    assert check.fingerprints == 1
    assert Band.objects.filter(fingerprint__submission=submission).count() > 0


def test_short_and_empty_answers_are_not_compared(version):
    a = submitted(version, text="See the attached plan.")
    b = submitted(version, text="See the attached plan.")
    Evidence.objects.filter(submission=b).update(text="")
    for submission in (a, b):
        assert _check(submission).fingerprints == 0

    assert not Flag.objects.exists()


def test_running_the_check_twice_changes_nothing(version):
    first = submitted(version, text=ORIGINAL)
    _check(first)
    copy = submitted(version, text=LIGHTLY_EDITED)
    _check(copy)
    counts = (Fingerprint.objects.count(), Band.objects.count(), Flag.objects.count())

    again = _check(copy)

    assert (Fingerprint.objects.count(), Band.objects.count(), Flag.objects.count()) == counts
    assert again.flags == 1


def test_a_draft_is_not_checked(version, earner):
    first = submitted(version, text=ORIGINAL)
    enrollment = first.enrollment.__class__.objects.create(
        earner=earner, micro_credential=version.micro_credential, version=version
    )
    draft = submissions.start_attempt(enrollment, by=earner)

    assert services.check_submission(draft.pk) is None
    assert not Check.objects.filter(submission=draft).exists()


def test_submitting_queues_the_check(version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = submitted(version, text=ORIGINAL)
    with django_capture_on_commit_callbacks(execute=True):
        copy = submitted(version, text=LIGHTLY_EDITED)

    assert Check.objects.filter(submission__in=[first, copy]).count() == 2
    assert _flag_between(first, copy) is not None


def test_a_flag_never_changes_either_submission(version):
    first = submitted(version, text=ORIGINAL)
    _check(first)
    copy = submitted(version, text=LIGHTLY_EDITED)

    _check(copy)

    assert set(Submission.objects.values_list("state", flat=True)) == {State.SUBMITTED}


def test_the_issuers_admins_are_told_of_a_new_flag(version, issuer_admin):
    _check(submitted(version, text=ORIGINAL))
    _check(submitted(version, text=LIGHTLY_EDITED))

    notice = Notification.objects.get(user=issuer_admin)
    assert "Possible duplicate evidence" in notice.subject


@pytest.fixture
def flag(version):
    first = submitted(version, text=ORIGINAL)
    _check(first)
    copy = submitted(version, text=LIGHTLY_EDITED)
    _check(copy)
    return _flag_between(first, copy)


def test_clearing_records_who_when_and_why(flag, issuer_admin):
    services.clear(flag, by=issuer_admin, note="Both teach at the same school and co-planned.")

    flag.refresh_from_db()
    event = flag.events.last()
    assert flag.status == FlagStatus.CLEARED
    assert flag.closed_by == issuer_admin
    assert flag.closed_at is not None
    assert (event.action, event.actor, event.note) == (
        FlagAction.CLEARED,
        issuer_admin,
        "Both teach at the same school and co-planned.",
    )


def test_clearing_twice_says_who_cleared_it_and_keeps_the_first_note(flag, issuer_admin, org_admin):
    services.clear(flag, by=issuer_admin, note="Co-planned.")

    with pytest.raises(services.FlagClosed, match="already cleared by Ivy Issuer"):
        services.clear(flag, by=org_admin, note="Second opinion.")

    assert flag.events.filter(action=FlagAction.CLEARED).get().note == "Co-planned."


def test_clearing_needs_a_note(flag, issuer_admin):
    with pytest.raises(ValidationError):
        services.clear(flag, by=issuer_admin, note="   ")
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_an_assessor_may_not_clear_a_flag(flag, assessor):
    with pytest.raises(PermissionDenied):
        services.clear(flag, by=assessor, note="Looks fine to me.")


def test_another_issuers_admin_may_not_clear_a_flag(flag, other_issuer):
    stranger = UserFactory()
    MembershipFactory(user=stranger, organization=other_issuer, role=Role.ISSUER_ADMIN)
    with pytest.raises(PermissionDenied):
        services.clear(flag, by=stranger, note="Not mine.")


def test_asking_to_explain_tells_each_earner_without_naming_the_other(flag, issuer_admin):
    services.request_explanation(flag, by=issuer_admin, note="How did you prepare this answer?")

    later, earlier = flag.submission.enrollment.earner, flag.other.enrollment.earner
    for earner, mine, theirs in (
        (later, flag.submission, flag.other),
        (earlier, flag.other, flag.submission),
    ):
        notice = Notification.objects.get(user=earner, subject__startswith="Please explain")
        assert mine.reference in notice.subject
        text = notice.subject + notice.body + notice.url
        assert theirs.reference not in text
        assert theirs.enrollment.earner.name not in text
        assert "How did you prepare this answer?" in notice.body
    flag.refresh_from_db()
    assert flag.status == FlagStatus.EXPLANATION_REQUESTED


def test_asking_twice_is_refused(flag, issuer_admin):
    services.request_explanation(flag, by=issuer_admin, note="Please explain.")
    with pytest.raises(services.AlreadyRequested):
        services.request_explanation(flag, by=issuer_admin, note="Please explain again.")


def test_an_earner_explains_once_and_the_answer_is_kept_on_the_flag(flag, issuer_admin):
    services.request_explanation(flag, by=issuer_admin, note="Please explain.")
    earner = flag.other.enrollment.earner

    services.explain(flag, by=earner, text="I wrote this myself in March.")

    assert flag.events.get(action=FlagAction.EXPLAINED).note == "I wrote this myself in March."
    with pytest.raises(services.AlreadyExplained):
        services.explain(flag, by=earner, text="Again.")


def test_nobody_explains_before_being_asked(flag):
    with pytest.raises(PermissionDenied):
        services.explain(flag, by=flag.other.enrollment.earner, text="Unprompted.")


def test_someone_outside_the_flag_may_not_explain(flag, issuer_admin, outsider):
    services.request_explanation(flag, by=issuer_admin, note="Please explain.")
    with pytest.raises(PermissionDenied):
        services.explain(flag, by=outsider, text="Not my flag.")


def test_flag_events_are_append_only(flag):
    event = flag.events.get()
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
