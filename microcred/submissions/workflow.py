"""The one place that writes Submission.state.

Every move is looked up in states.TRANSITIONS and recorded in the append-only StateChange
log inside the caller's transaction, so the audit row and the move commit together.
"""

from django.utils import timezone

from .models import StateChange, Submission
from .states import TRANSITIONS, Event, State


class IllegalTransition(Exception):
    def __init__(self, state, event):
        self.state, self.event = state, event
        super().__init__(f"A submission that is {state} cannot be {event}.")


def advance(submission: Submission, event: Event, *, by, reason: str = "") -> Submission:
    # The row lock makes two concurrent moves of one submission queue up; the second
    # sees the first one's state and is refused if it no longer applies.
    current = Submission.objects.select_for_update().get(pk=submission.pk)
    target = TRANSITIONS.get((current.state, event))
    if target is None:
        raise IllegalTransition(current.state, event)
    StateChange.objects.create(
        submission=current,
        actor=by if by is not None and by.is_authenticated else None,
        event=event,
        from_state=current.state,
        to_state=target,
        reason=reason,
    )
    stamps = {"state": target}
    if event == Event.SUBMIT:
        stamps["submitted_at"] = timezone.now()
    if target in (State.MET, State.NOT_MET):
        stamps["decided_at"] = timezone.now()
    Submission.objects.filter(pk=current.pk).update(**stamps)
    for name, value in stamps.items():
        setattr(submission, name, value)
    return submission


def advance_many(submissions, event: Event, *, by, reason: str = "") -> list[Submission]:
    """Move many submissions at once with the same event, in a fixed number of queries.

    The caller has locked the rows. Submissions the event does not apply to are skipped
    and returned unchanged; the moved ones are returned.
    """
    moved, changes = [], []
    actor = by if by is not None and by.is_authenticated else None
    for submission in submissions:
        target = TRANSITIONS.get((submission.state, event))
        if target is None:
            continue
        changes.append(
            StateChange(
                submission=submission,
                actor=actor,
                event=event,
                from_state=submission.state,
                to_state=target,
                reason=reason,
            )
        )
        submission.state = target
        moved.append(submission)
    by_target: dict[str, list[int]] = {}
    for submission in moved:
        by_target.setdefault(submission.state, []).append(submission.pk)
    for target, ids in by_target.items():
        Submission.objects.filter(pk__in=ids).update(state=target)
    StateChange.objects.bulk_create(changes)
    return moved
