import pytest
from django.core.exceptions import ValidationError

from microcred.submissions import workflow
from microcred.submissions.models import StateChange, Submission
from microcred.submissions.states import TRANSITIONS, Event, State
from microcred.submissions.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def _in_state(state) -> Submission:
    submission = SubmissionFactory()
    Submission.objects.filter(pk=submission.pk).update(state=state)
    submission.state = state
    return submission


@pytest.mark.parametrize(("start", "event"), list(TRANSITIONS))
def test_every_allowed_move_succeeds_and_is_audited(start, event, earner):
    submission = _in_state(start)

    workflow.advance(submission, event, by=earner, reason="because")

    target = TRANSITIONS[(start, event)]
    assert Submission.objects.get(pk=submission.pk).state == target
    change = StateChange.objects.get(submission=submission)
    assert (change.from_state, change.to_state, change.event) == (start, target, event)
    assert (change.actor, change.reason) == (earner, "because")


@pytest.mark.parametrize(
    ("start", "event"),
    [(s, e) for s in State for e in Event if (s, e) not in TRANSITIONS],
)
def test_every_other_move_is_refused_and_leaves_no_trace(start, event, earner):
    submission = _in_state(start)

    with pytest.raises(workflow.IllegalTransition):
        workflow.advance(submission, event, by=earner)

    assert Submission.objects.get(pk=submission.pk).state == start
    assert not StateChange.objects.exists()


def test_a_move_checks_the_state_in_the_database_not_the_callers_copy(earner):
    submission = _in_state(State.DRAFT)
    stale = Submission.objects.get(pk=submission.pk)
    workflow.advance(submission, Event.SUBMIT, by=earner)

    with pytest.raises(workflow.IllegalTransition):
        workflow.advance(stale, Event.SUBMIT, by=earner)
    assert StateChange.objects.count() == 1


def test_the_audit_log_cannot_be_changed_or_deleted(earner):
    submission = _in_state(State.DRAFT)
    workflow.advance(submission, Event.SUBMIT, by=earner)
    change = StateChange.objects.get()

    change.reason = "rewritten"
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()
    assert StateChange.objects.get().reason == ""
