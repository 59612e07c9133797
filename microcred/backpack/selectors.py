"""Reads of an earner's backpack: what is in it, stack progress and credits."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from microcred.catalog.models import Stack, StackItem

from .above import answers as above
from .models import Enrollment, EnrollmentStatus


@dataclass
class StackProgress:
    stack: Stack
    earned: int
    started: int
    total: int
    # (stack item, the earner's enrollment or None), in the stack's order
    items: list
    # The stack's own credential, once the earner has earned every part.
    award: object | None = None

    @property
    def percent(self) -> int:
        return round(100 * self.earned / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.earned == self.total


@dataclass
class CreditTotal:
    unit: str
    authority: str
    amount: Decimal


@dataclass
class Backpack:
    in_progress: list[Enrollment]
    submitted: list[Enrollment]
    earned: list[Enrollment]
    stacks: list[StackProgress]
    credits: list[CreditTotal]
    # Credentials other issuers signed, kept here by connected apps.
    held: list = field(default_factory=list)


def enrollments_of(earner):
    return (
        Enrollment.objects.filter(earner=earner)
        .select_related("version", "micro_credential__issuer", "cohort")
        .prefetch_related(above.attempts())
        .order_by("-started_at")
    )


def stack_progress(stack: Stack, enrollments_by_mc: dict[int, Enrollment]) -> StackProgress:
    items = [(item, enrollments_by_mc.get(item.micro_credential_id)) for item in stack.items.all()]
    return StackProgress(
        stack=stack,
        earned=sum(1 for _i, e in items if e and e.status == EnrollmentStatus.EARNED),
        started=sum(1 for _i, e in items if e),
        total=len(items),
        items=items,
    )


def earner_stack_progress(stack: Stack, earner) -> StackProgress | None:
    """The signed-in earner's progress through a stack, for its catalog page."""
    if not earner.is_authenticated:
        return None
    return stack_progress(stack, enrollments_by_micro_credential(earner))


def enrollments_by_micro_credential(earner) -> dict[int, Enrollment]:
    if not earner.is_authenticated:
        return {}
    return {e.micro_credential_id: e for e in enrollments_of(earner)}


def backpack(earner) -> Backpack:
    """Everything the backpack page shows, in a fixed number of queries."""
    enrollments = list(enrollments_of(earner))
    awards = above.earned_awards(earner)
    for enrollment in enrollments:
        enrollment.award = awards.by_micro_credential.get(enrollment.micro_credential_id)
    by_mc = {e.micro_credential_id: e for e in enrollments}
    by_status = defaultdict(list)
    for enrollment in enrollments:
        by_status[enrollment.status].append(enrollment)

    stacks = (
        Stack.objects.filter(is_published=True, items__micro_credential_id__in=list(by_mc))
        .distinct()
        .select_related("issuer")
        .prefetch_related(_items_prefetch())
        .order_by("title")
    )
    credits: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for enrollment in by_status[EnrollmentStatus.EARNED]:
        version = enrollment.version
        if version.credit_amount:
            credits[(version.credit_unit, version.credit_authority)] += version.credit_amount
    return Backpack(
        in_progress=by_status[EnrollmentStatus.IN_PROGRESS],
        submitted=by_status[EnrollmentStatus.SUBMITTED],
        earned=sorted(
            by_status[EnrollmentStatus.EARNED],
            key=lambda e: e.earned_at or e.started_at,
            reverse=True,
        ),
        stacks=[
            _with_award(stack_progress(stack, by_mc), awards.by_stack.get(stack.pk))
            for stack in stacks
        ],
        credits=[
            CreditTotal(unit=unit, authority=authority, amount=amount)
            for (unit, authority), amount in sorted(credits.items())
        ],
        held=list(above.held_credentials(earner)),
    )


def _with_award(progress: StackProgress, award) -> StackProgress:
    progress.award = award
    return progress


def _items_prefetch():
    return Prefetch(
        "items",
        queryset=StackItem.objects.select_related("micro_credential__current_version").order_by(
            "position", "id"
        ),
    )
