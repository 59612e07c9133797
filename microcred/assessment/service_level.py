"""Keeping reviews within the service level: reminders, escalation and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from statistics import median

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts import selectors as accounts_selectors
from microcred.notifications.services import notify
from microcred.submissions.business_days import business_days_between
from microcred.submissions.models import Submission
from microcred.submissions.service_level import calendar_for
from microcred.submissions.states import State

from . import staffing
from .models import ACTIVE_ASSIGNMENT, Assignment, Escalation

# Remind an assessor this many days before a review is due, and not more often than this.
REMIND_DAYS_BEFORE_DUE = 3
REMIND_EVERY = timedelta(days=2)


def remind_assessors(*, now=None) -> int:
    """Nudge assessors whose reviews are due soon. Running it twice sends nothing twice."""
    now = now or timezone.now()
    soon = timezone.localdate(now) + timedelta(days=REMIND_DAYS_BEFORE_DUE)
    due = Assignment.objects.filter(status__in=ACTIVE_ASSIGNMENT, due_on__lte=soon).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - REMIND_EVERY)
    )
    reminded = 0
    for assignment in due.select_related("assessor__user", "submission__enrollment__version"):
        with transaction.atomic():
            claimed = (
                Assignment.objects.filter(pk=assignment.pk)
                .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - REMIND_EVERY))
                .update(reminded_at=now)
            )
            if not claimed:
                continue  # another worker sent it
            notify(
                [assignment.assessor.user],
                subject=_("Review %(reference)s is due on %(due)s")
                % {"reference": assignment.submission.reference, "due": assignment.due_on},
                body=_("Your review of %(title)s (submission %(reference)s) is due on %(due)s.")
                % {
                    "title": assignment.submission.enrollment.version.title,
                    "reference": assignment.submission.reference,
                    "due": assignment.due_on,
                },
                url=reverse("assessment:review", args=[assignment.pk]),
            )
            reminded += 1
    return reminded


def escalate_overdue(*, now=None) -> int:
    """Tell the issuer's admins, once, about each submission past its due date."""
    today = timezone.localdate(now or timezone.now())
    overdue = Submission.objects.filter(
        state__in=[State.SUBMITTED, State.IN_REVIEW], due_on__lt=today, escalation__isnull=True
    ).select_related("enrollment__version", "enrollment__micro_credential")
    escalated = 0
    for submission in overdue:
        try:
            with transaction.atomic():
                Escalation.objects.create(submission=submission)
                issuer_id = submission.enrollment.micro_credential.issuer_id
                admins = list(accounts_selectors.admins(issuer_id))
                notify(
                    admins,
                    subject=_("Overdue: submission %(reference)s")
                    % {"reference": submission.reference},
                    body=_(
                        "Submission %(reference)s for %(title)s was due on %(due)s and has no "
                        "decision yet."
                    )
                    % {
                        "reference": submission.reference,
                        "title": submission.enrollment.version.title,
                        "due": submission.due_on,
                    },
                    url=reverse("author:service_level"),
                )
                escalated += 1
        except IntegrityError:
            continue  # escalated by a concurrent run
    return escalated


@dataclass
class ServiceLevelReport:
    decided: int
    decided_on_time: int
    median_business_days: float | None
    open_overdue: list
    open_on_time: int
    # Micro-credentials whose pool cannot staff a review, and what waits on them: counted
    # apart from "on time" from the first day, since nobody can review them.
    unstaffed: list = field(default_factory=list)
    open_unstaffed: int = 0

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.decided_on_time / self.decided) if self.decided else None


def report(issuer_ids, *, today=None) -> ServiceLevelReport:
    today = today or timezone.localdate()
    issuer_ids = list(issuer_ids)
    submissions = Submission.objects.filter(
        enrollment__micro_credential__issuer_id__in=list(issuer_ids),
        submitted_at__isnull=False,
    ).select_related("enrollment__version", "enrollment__micro_credential")
    decided, on_time, durations, overdue, open_on_time, open_unstaffed = 0, 0, [], [], 0, 0
    calendars = {}
    unstaffed = staffing.unstaffed(issuer_ids)
    cannot_start = {row.micro_credential.pk for row in unstaffed}
    for submission in submissions:
        issuer_id = submission.enrollment.micro_credential.issuer_id
        calendar = calendars.setdefault(issuer_id, calendar_for(issuer_id))
        if submission.state in (State.MET, State.NOT_MET) and submission.decided_at:
            decided += 1
            decided_on = timezone.localdate(submission.decided_at)
            on_time += bool(submission.due_on and decided_on <= submission.due_on)
            durations.append(
                business_days_between(
                    timezone.localdate(submission.submitted_at), decided_on, holidays=calendar
                )
            )
        elif submission.state in (State.SUBMITTED, State.IN_REVIEW):
            if submission.due_on and submission.due_on < today:
                overdue.append(
                    (submission, business_days_between(submission.due_on, today, holidays=calendar))
                )
            elif submission.enrollment.micro_credential_id in cannot_start:
                open_unstaffed += 1
            else:
                open_on_time += 1
    return ServiceLevelReport(
        decided=decided,
        decided_on_time=on_time,
        median_business_days=median(durations) if durations else None,
        open_overdue=sorted(overdue, key=lambda row: -row[1]),
        open_on_time=open_on_time,
        unstaffed=unstaffed,
        open_unstaffed=open_unstaffed,
    )
