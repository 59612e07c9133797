"""The demo's facilitated cohort at work and its help desk.

The cohort of "Live Sessions Where Everyone Talks" that is open for enrollment gets four
earners with drafts, the facilitator's comments on them (one answered), and its first-draft
and submission deadlines. Three tickets show the help desk: one waiting on the earner, one
solved, and one the platform opened for a submission past its service-level date.

Everything goes through the services, keyed so that a second run creates nothing: the
coaching only when the cohort has none yet, each ticket only when its earner has no ticket
of that subject.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from microcred.backpack import services as backpack
from microcred.catalog.models import Cohort
from microcred.coaching import services as coaching
from microcred.coaching.models import CoachingComment, DeadlineKind
from microcred.submissions import services as submissions
from microcred.submissions.models import Submission
from microcred.submissions.states import State
from microcred.support import selectors as help_desk
from microcred.support import services as support
from microcred.support.models import Ticket, TicketOrigin

from .content import cohorts_and_help as text


def load(loader) -> None:
    _cohort(loader)
    _tickets(loader)


def _cohort(loader) -> None:
    mc = loader.catalog.get(slugify(text.COHORT_MICRO_CREDENTIAL))
    if mc is None:
        return
    cohort = (
        Cohort.objects.filter(micro_credential=mc, ends_on__gte=loader.today)
        .select_related("facilitator")
        .order_by("starts_on")
        .first()
    )
    if cohort is None or cohort.facilitator is None:
        return
    if CoachingComment.objects.filter(cohort=cohort).exists() or cohort.deadlines.exists():
        return
    facilitator = cohort.facilitator
    for key, draft in text.DRAFTS.items():
        earner = loader.people[key]
        enrollment = backpack.enroll(mc, by=earner, cohort=cohort)
        if enrollment.cohort_id != cohort.pk:
            continue  # already in the backpack on its own; not part of this cohort
        submission = enrollment.submissions.filter(state=State.DRAFT).first()
        if submission is None:
            submission = submissions.start_attempt(enrollment, by=earner)
        requirements = list(enrollment.version.requirements.order_by("position"))
        plan, record = requirements[0], requirements[1]
        submissions.add_link(
            submission, plan, by=earner, url=text.PLAN_LINK.format(n=submission.pk)
        )
        if draft.record:
            submissions.save_text(submission, record, by=earner, kind="text", text=draft.record)
        coaching.comment(submission, plan, by=facilitator, body=draft.comment_on_plan)
        if draft.record and draft.comment_on_record:
            coaching.comment(submission, record, by=facilitator, body=draft.comment_on_record)
        if draft.reply:
            coaching.comment(submission, plan, by=earner, body=draft.reply)
    first_draft = max(loader.today, cohort.starts_on) + timedelta(days=14)
    coaching.set_deadline(
        cohort,
        by=facilitator,
        kind=DeadlineKind.FIRST_DRAFT,
        due_on=min(first_draft, cohort.ends_on),
        note=text.FIRST_DRAFT_NOTE,
    )
    coaching.set_deadline(
        cohort,
        by=facilitator,
        kind=DeadlineKind.SUBMIT,
        due_on=cohort.ends_on - timedelta(days=7),
        note=text.SUBMIT_NOTE,
    )


def _tickets(loader) -> None:
    for ticket in text.TICKETS:
        earner = loader.people[ticket.earner]
        if Ticket.objects.filter(earner=earner, subject=ticket.subject).exists():
            continue
        submission = _latest(earner, ticket.micro_credential)
        if submission is None:
            continue
        opened = support.open_ticket(
            submission, by=earner, subject=ticket.subject, body=ticket.question
        )
        staff = help_desk.issuer_staff(opened.issuer_id)
        if staff:
            support.reply(opened, by=staff[0], body=ticket.answer, status=ticket.status)
    _overdue(loader)


def _overdue(loader) -> None:
    """A submission still waiting for its review is made late, as if it had been
    sent three weeks ago, and the platform's sweep opens its ticket. There is no service
    for moving a submission back in time, so the dates are written here."""
    earner = loader.people[text.OVERDUE_EARNER]
    submission = _latest(earner, text.OVERDUE_MICRO_CREDENTIAL)
    if submission is None or submission.state not in (State.SUBMITTED, State.IN_REVIEW):
        return
    if Ticket.objects.filter(submission=submission, origin=TicketOrigin.OVERDUE).exists():
        return
    now = timezone.now()
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=now - timedelta(days=24), due_on=loader.today - timedelta(days=4)
    )
    support.open_overdue_tickets(now=now)


def _latest(earner, title: str) -> Submission | None:
    return (
        Submission.objects.filter(
            enrollment__earner=earner, enrollment__micro_credential__slug=slugify(title)
        )
        .order_by("-attempt")
        .first()
    )
