"""What the assignment sweep works with: the open seats of waiting submissions, the
assessors who might fill them, and the dates an offer carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from microcred.submissions.business_days import HolidayCalendar, add_business_days

from ..models import ACTIVE_ASSIGNMENT, AssignmentStatus

LIVE = (*ACTIVE_ASSIGNMENT, AssignmentStatus.COMPLETED)


@dataclass
class Need:
    submission_id: int
    state: str
    due_on: date | None
    purpose: str
    count: int
    micro_credential_id: int
    issuer_id: int = 0
    excluded_users: set[int] = field(default_factory=set)
    earner_districts: set[int] = field(default_factory=set)
    preferred: list[int] = field(default_factory=list)  # assessor profile ids
    used_labels: set[str] = field(default_factory=set)


@dataclass
class Candidate:
    """An assessor as a member of one issuer's pool: capacity and load count that issuer's
    work only, so someone in two pools is two candidates, one per issuer."""

    profile_id: int
    user_id: int
    capacity: int
    load: int
    districts: set[int]
    micro_credentials: set[int]
    member_id: int = 0
    issuer_id: int = 0


def lock(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.select_for_update()


def offer_deadline(now):
    """When an offer made now expires unless accepted."""
    return now + timedelta(hours=settings.ASSIGNMENT_RESPONSE_HOURS)


def review_due(now, *, business_days: int | None = None) -> date:
    """The day a review offered now is due: the service level in business days, or
    `business_days` when given."""
    days = settings.SERVICE_LEVEL_BUSINESS_DAYS if business_days is None else business_days
    return add_business_days(timezone.localdate(now), days, holidays=HolidayCalendar())
