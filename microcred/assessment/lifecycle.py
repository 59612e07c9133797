"""The one place that writes Assignment.status.

Every move is looked up in TRANSITIONS and recorded in the append-only AssignmentChange log
inside the caller's transaction, so the audit rows and the moves commit together. Callers
lock the assignments first (in the order their services take locks: the submission, then
its assignments).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Assignment, AssignmentChange, AssignmentStatus
from .models import AssignmentEvent as Event

Status = AssignmentStatus

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.OFFERED, Event.ACCEPT): Status.ACCEPTED,
    (Status.OFFERED, Event.DECLINE): Status.DECLINED,
    (Status.ACCEPTED, Event.DECLINE): Status.DECLINED,
    (Status.OFFERED, Event.EXPIRE): Status.EXPIRED,
    (Status.ACCEPTED, Event.TAKE_BACK): Status.REASSIGNED,
    (Status.OFFERED, Event.HAND_ON): Status.REASSIGNED,
    (Status.ACCEPTED, Event.HAND_ON): Status.REASSIGNED,
    (Status.OFFERED, Event.WITHDRAW): Status.WITHDRAWN,
    # Only when the earner deletes their account: the evidence under review is erased.
    (Status.ACCEPTED, Event.WITHDRAW): Status.WITHDRAWN,
    # An assessor may score an offer straight away: finishing accepts it too.
    (Status.OFFERED, Event.COMPLETE): Status.COMPLETED,
    (Status.ACCEPTED, Event.COMPLETE): Status.COMPLETED,
    (Status.OFFERED, Event.CLOSE): Status.REASSIGNED,
    (Status.ACCEPTED, Event.CLOSE): Status.REASSIGNED,
}


class IllegalMove(Exception):
    def __init__(self, status, event):
        self.status, self.event = status, event
        super().__init__(f"An assignment that is {status} cannot be moved by {event}.")


def move(
    assignments: Sequence[Assignment], event: Event, *, by=None, reason: str = "", now=None
) -> None:
    """Move every one of these locked assignments with one event, in a fixed number of
    queries whatever their count; the instances are updated to match. Refuses the whole
    batch, writing nothing, if the event does not apply to one of them."""
    if not assignments:
        return
    now = now or timezone.now()
    groups: dict[str, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        target = TRANSITIONS.get((assignment.status, event))
        if target is None:
            raise IllegalMove(assignment.status, event)
        groups[target].append(assignment)
    actor_id = by.pk if by is not None and by.is_authenticated else None
    AssignmentChange.objects.bulk_create(
        AssignmentChange(
            assignment_id=assignment.pk,
            actor_id=actor_id,
            event=event,
            from_status=assignment.status,
            to_status=target,
            reason=reason[:300],
            at=now,
        )
        for target, group in groups.items()
        for assignment in group
    )
    for target, group in groups.items():
        stamps = _stamps(target, now)
        Assignment.objects.filter(pk__in=[a.pk for a in group]).update(status=target, **stamps)
        for assignment in group:
            assignment.status = target
            if "closed_at" in stamps:
                assignment.closed_at = now
            if "accepted_at" in stamps:
                assignment.accepted_at = assignment.accepted_at or now


def _stamps(target: str, now) -> dict:
    if target == Status.ACCEPTED:
        return {"accepted_at": now}
    if target == Status.COMPLETED:
        return {"closed_at": now, "accepted_at": Coalesce(F("accepted_at"), Value(now))}
    return {"closed_at": now}


def offered(assignment_ids: Iterable[int], *, by=None, reason: str = "", now=None) -> None:
    """Log the offers that made these assignments (they are born offered)."""
    now = now or timezone.now()
    actor_id = by.pk if by is not None and by.is_authenticated else None
    AssignmentChange.objects.bulk_create(
        AssignmentChange(
            assignment_id=pk,
            actor_id=actor_id,
            event=Event.OFFER,
            to_status=Status.OFFERED,
            reason=reason[:300],
            at=now,
        )
        for pk in assignment_ids
    )
