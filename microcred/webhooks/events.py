"""What the apps below tell this one, turned into deliveries after their commit.

Each receiver only asks for the event to be announced once the transaction that made it
commits; the announcing (finding endpoints, writing deliveries) happens in a task, so a
webhook can never fail or slow down the decision, award or membership it is about, and a
rollback announces nothing. `robust`: a queue that cannot be reached is logged, not raised
into the request that has already committed.
"""

from __future__ import annotations

import secrets

from django.db import transaction

from .models import EventType


def _announce_after_commit(event_type: str, ids: list[int]) -> None:
    from .tasks import announce

    if ids:
        key = f"{event_type}:{secrets.token_hex(12)}"
        transaction.on_commit(lambda: announce.enqueue(event_type, ids, key), robust=True)


def on_awards_issued(sender, award_ids, **kwargs) -> None:
    _announce_after_commit(EventType.AWARD_ISSUED, list(award_ids))


def on_award_revoked(sender, award_id, **kwargs) -> None:
    _announce_after_commit(EventType.AWARD_REVOKED, [award_id])


def on_decided(sender, decision_id, **kwargs) -> None:
    _announce_after_commit(EventType.SUBMISSION_DECIDED, [decision_id])


def on_role_taken(sender, membership_id, **kwargs) -> None:
    _announce_after_commit(EventType.MEMBER_JOINED, [membership_id])
