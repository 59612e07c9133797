"""Coaching a cohort: comments on drafts, replies, deadlines and their reminders."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.catalog.models import Cohort, Requirement
from microcred.notifications.services import notify
from microcred.submissions.models import Submission
from microcred.submissions.states import State

from . import selectors
from .models import CoachingComment, CohortDeadline, DeadlineKind, DeadlineReminder, Voice

MAX_COMMENT = 5000
# Earners hear about a deadline this many days before it, once per date.
REMIND_DAYS_BEFORE = 3


class CoachingClosed(ValidationError):
    """The cohort has ended or the draft was submitted: its coaching is read-only now."""


def closed_reason(submission: Submission, today: date) -> str | None:
    cohort = submission.enrollment.cohort
    if cohort is not None and not permissions.is_cohort_open(cohort, today):
        return _("The cohort ended on %(day)s; its comments stay readable but take no more.") % {
            "day": cohort.ends_on
        }
    if submission.state != State.DRAFT:
        return _(
            "This draft has been submitted for review; coaching comments close when the formal "
            "review starts."
        )
    return None


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a comment before sending it."), code="empty")
    if len(body) > MAX_COMMENT:
        raise ValidationError(
            _("A comment holds at most %(max)d characters.") % {"max": MAX_COMMENT}, code="long"
        )
    return body


@transaction.atomic
def comment(submission: Submission, requirement: Requirement, *, by, body: str) -> CoachingComment:
    """The facilitator comments on one requirement of a cohort earner's draft, or the
    earner replies there. Coaching only: no score, and never shown to assessors."""
    submission = Submission.objects.select_related("enrollment__cohort").get(pk=submission.pk)
    cohort = submission.enrollment.cohort
    if cohort is None:
        raise PermissionDenied
    if requirement.version_id != submission.enrollment.version_id:
        raise ValidationError(_("That requirement is not part of this draft."))
    today = timezone.localdate()
    if permissions.is_facilitator_of(by, cohort):
        voice, allowed = Voice.FACILITATOR, permissions.can_coach(by, submission, today)
    elif permissions.is_earner_of(by, submission):
        voice, allowed = Voice.EARNER, permissions.can_reply_to_coaching(by, submission, today)
    else:
        raise PermissionDenied
    body = _clean_body(body)
    if not allowed:
        raise CoachingClosed(closed_reason(submission, today) or _("Comments are closed."))
    note = CoachingComment.objects.create(
        submission=submission,
        requirement=requirement,
        cohort=cohort,
        author=by,
        voice=voice,
        body=body,
    )
    _tell_the_other_side(note)
    return note


def _tell_the_other_side(note: CoachingComment) -> None:
    submission = note.submission
    title = submission.enrollment.version.title
    if note.voice == Voice.FACILITATOR:
        notify(
            [submission.enrollment.earner],
            subject=_("Your facilitator commented on your draft of %(title)s") % {"title": title},
            body=_("%(name)s commented on “%(requirement)s”:\n\n%(body)s")
            % {"name": note.author.name, "requirement": note.requirement.title, "body": note.body},
            url=reverse("submissions:detail", args=[submission.reference])
            + f"#requirement-{note.requirement_id}",
        )
    elif note.cohort.facilitator is not None:
        notify(
            [note.cohort.facilitator],
            subject=_("%(name)s replied about %(title)s")
            % {"name": submission.enrollment.earner.name, "title": title},
            body=_("On “%(requirement)s”:\n\n%(body)s")
            % {"requirement": note.requirement.title, "body": note.body},
            url=reverse("coaching:draft", args=[note.cohort_id, submission.reference])
            + f"#requirement-{note.requirement_id}",
        )


@transaction.atomic
def set_deadline(cohort: Cohort, *, by, kind: str, due_on: date, note: str = "") -> CohortDeadline:
    """Set (or move) the cohort's first-draft or submission deadline."""
    today = timezone.localdate()
    if not permissions.can_read_cohort(by, cohort):
        raise PermissionDenied
    if not permissions.can_set_deadlines(by, cohort, today):
        raise ValidationError(
            _("The cohort ended on %(day)s; its deadlines can no longer change.")
            % {"day": cohort.ends_on}
        )
    errors = {}
    if kind not in DeadlineKind.values:
        errors["kind"] = _("Choose a first-draft or a submission deadline.")
    if due_on is None:
        errors["due_on"] = _("Give the date.")
    elif due_on < today:
        errors["due_on"] = _("A deadline cannot be in the past.")
    elif due_on > cohort.ends_on:
        errors["due_on"] = _("A deadline falls on or before the cohort's end, %(day)s.") % {
            "day": cohort.ends_on
        }
    if not errors:
        others = {d.kind: d.due_on for d in cohort.deadlines.exclude(kind=kind)}
        if kind == DeadlineKind.SUBMIT and others.get(DeadlineKind.FIRST_DRAFT, due_on) > due_on:
            errors["due_on"] = _("Submission is due on or after the first draft.")
        if kind == DeadlineKind.FIRST_DRAFT and others.get(DeadlineKind.SUBMIT, due_on) < due_on:
            errors["due_on"] = _("The first draft is due on or before submission.")
    if errors:
        raise ValidationError(errors)
    deadline, _created = CohortDeadline.objects.update_or_create(
        cohort=cohort,
        kind=kind,
        defaults={"due_on": due_on, "note": (note or "").strip()[:300], "set_by": by},
    )
    return deadline


def remind_deadlines(*, now=None) -> int:
    """Remind each earner of a cohort deadline coming up, once per deadline date, unless
    they already did what it asks. Running it twice sends nothing twice."""
    today = timezone.localdate(now or timezone.now())
    upcoming = CohortDeadline.objects.filter(
        due_on__gte=today,
        due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE),
        cohort__ends_on__gte=today,
    ).select_related("cohort__micro_credential__current_version")
    sent = 0
    for deadline in upcoming:
        for earner in selectors.earners_behind(deadline):
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(
                        deadline=deadline, earner=earner, due_on=deadline.due_on
                    )
                    notify(
                        [earner],
                        subject=_("%(deadline)s %(day)s: %(cohort)s")
                        % {
                            "deadline": deadline.get_kind_display(),
                            "day": deadline.due_on,
                            "cohort": deadline.cohort.name,
                        },
                        body=_reminder_body(deadline),
                        url=reverse("backpack:home"),
                    )
                    sent += 1
            except IntegrityError:
                continue  # reminded already, perhaps by a concurrent run
    return sent


def _reminder_body(deadline: CohortDeadline) -> str:
    what = (
        _("Your facilitator asks for a first draft of %(title)s by %(day)s.")
        if deadline.kind == DeadlineKind.FIRST_DRAFT
        else _("Your cohort submits %(title)s for review by %(day)s.")
    ) % {"title": str(deadline.cohort.micro_credential), "day": deadline.due_on}
    return f"{what}\n\n{deadline.note}" if deadline.note else what
