"""The help desk's rules: opening tickets, replies on both sides, statuses, and the
tickets the platform opens itself for submissions past their service-level date."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.notifications.services import notify
from microcred.submissions.models import Submission
from microcred.submissions.states import State

from . import selectors
from .models import Side, Ticket, TicketMessage, TicketOrigin, TicketStatus

MAX_MESSAGE = 10_000
MAX_SUBJECT = 200
# What a submission ID looks like once spaces, case and a missing prefix are forgiven.
REFERENCE = re.compile(r"^MC-[A-Z0-9]{8}$")


def normalize_reference(raw: str) -> str:
    """ "mc 7k3q x9ta", "MC7K3QX9TA" and "7K3QX9TA" all mean MC-7K3QX9TA."""
    compact = re.sub(r"[\s-]+", "", (raw or "").upper())
    # Eight characters are the ID without its prefix, even when they begin with "MC".
    if len(compact) != 8 and compact.startswith("MC"):
        compact = compact[2:]
    return f"MC-{compact}"


def find_submission(raw: str, *, earner) -> Submission:
    """The earner's own submission by its ID. Someone else's and a missing one get the
    same answer, so the form tells nobody which IDs exist."""
    if not (raw or "").strip():
        raise ValidationError(_("Give the submission ID shown on your submission's page."))
    reference = normalize_reference(raw)
    if not REFERENCE.match(reference):
        raise ValidationError(
            _(
                "“%(raw)s” is not a submission ID. An ID looks like MC-7K3QX9TA and is shown "
                "at the top of your submission's page."
            )
            % {"raw": raw.strip()[:40]}
        )
    submission = (
        Submission.objects.filter(reference=reference, enrollment__earner=earner)
        .select_related("enrollment__micro_credential__issuer", "enrollment__version")
        .first()
    )
    if submission is None:
        raise ValidationError(
            _(
                "None of your submissions has the ID %(reference)s. Check it on the "
                "submission's page."
            )
            % {"reference": reference}
        )
    return submission


def _clean(body: str, *, what: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({what: _("Write a message before sending it.")})
    if len(body) > MAX_MESSAGE:
        raise ValidationError(
            {what: _("A message holds at most %(max)d characters.") % {"max": MAX_MESSAGE}}
        )
    return body


@transaction.atomic
def open_ticket(submission: Submission, *, by, subject: str, body: str) -> Ticket:
    """The earner asks for help with one of their submissions; the issuer's staff hear of it."""
    if not permissions.can_open_ticket(by, submission):
        raise PermissionDenied
    errors: dict[str, str | list[str]] = {}
    subject = (subject or "").strip()
    if not subject:
        errors["subject"] = _("Say in a few words what the ticket is about.")
    elif len(subject) > MAX_SUBJECT:
        errors["subject"] = _("A subject holds at most %(max)d characters.") % {"max": MAX_SUBJECT}
    try:
        body = _clean(body, what="body")
    except ValidationError as exc:
        errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    ticket = Ticket.objects.create(
        submission=submission,
        earner=by,
        issuer_id=submission.enrollment.micro_credential.issuer_id,
        micro_credential_id=submission.enrollment.micro_credential_id,
        subject=subject,
        last_message_at=now,
    )
    TicketMessage.objects.create(ticket=ticket, author=by, side=Side.EARNER, body=body)
    _tell_staff(ticket, body, first=True)
    return ticket


@transaction.atomic
def reply(ticket: Ticket, *, by, body: str, status: str | None = None) -> TicketMessage:
    """A message in the ticket's thread. The earner's reopens it; staff choose what the
    ticket waits on next (the earner, by default)."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if permissions.can_answer_ticket(by, ticket) and ticket.earner_id != by.pk:
        side = Side.STAFF
        status = status or TicketStatus.WAITING
        if status not in TicketStatus.values:
            raise ValidationError({"status": _("Choose open, waiting or solved.")})
    elif permissions.can_read_ticket(by, ticket):
        side, status = Side.EARNER, TicketStatus.OPEN
    else:
        raise PermissionDenied
    body = _clean(body, what="body")
    if side == Side.STAFF:
        _refuse_assessor_names(ticket, body)
    message = TicketMessage.objects.create(ticket=ticket, author=by, side=side, body=body)
    _move(ticket, status, at=message.created_at)
    if side == Side.STAFF:
        _tell_earner(ticket, body)
    else:
        _tell_staff(ticket, body, first=False)
    return message


@transaction.atomic
def mark_solved(ticket: Ticket, *, by) -> Ticket:
    """The earner (or staff) says the question is answered."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if not permissions.can_read_ticket(by, ticket):
        raise PermissionDenied
    _move(ticket, TicketStatus.SOLVED, at=timezone.now())
    return ticket


def _move(ticket: Ticket, status: str, *, at) -> None:
    ticket.status = status
    ticket.last_message_at = at
    ticket.solved_at = at if status == TicketStatus.SOLVED else None
    Ticket.objects.filter(pk=ticket.pk).update(
        status=status, last_message_at=at, solved_at=ticket.solved_at
    )


def _refuse_assessor_names(ticket: Ticket, body: str) -> None:
    """Assessors stay anonymous to earners in tickets as in reviews: a staff reply that
    names one of this enrollment's assessors is refused, before anything is saved."""
    lowered = body.lower()
    for name, email in selectors.assessors_of(ticket.submission):
        if (email and email.lower() in lowered) or (len(name) >= 3 and name.lower() in lowered):
            raise ValidationError(
                {
                    "body": _(
                        "This reply names an assessor of the submission. Assessors stay "
                        "anonymous to earners: refer to them as “the assessors”."
                    )
                }
            )


def _ticket_url(ticket: Ticket) -> str:
    return reverse("support:ticket", args=[ticket.pk])


def _tell_staff(ticket: Ticket, body: str, *, first: bool) -> None:
    subject = (
        _("New ticket #%(n)s: %(subject)s") if first else _("Earner replied on #%(n)s: %(subject)s")
    ) % {"n": ticket.pk, "subject": ticket.subject}
    notify(
        selectors.issuer_staff(ticket.issuer_id),
        subject=subject,
        body=_("About submission %(reference)s:\n\n%(body)s")
        % {"reference": ticket.submission.reference, "body": body},
        url=_ticket_url(ticket),
    )


def _tell_earner(ticket: Ticket, body: str) -> None:
    # Signed by the issuer's help desk, never by a person: a staff member may also be
    # one of the submission's assessors.
    notify(
        [ticket.earner],
        subject=_("%(desk)s answered your ticket #%(n)s")
        % {"desk": selectors.desk_name(ticket), "n": ticket.pk},
        body=body,
        url=_ticket_url(ticket),
    )


def open_overdue_tickets(*, now=None) -> int:
    """Open a ticket, once, for each submission past its service-level date without a
    decision, and tell its earner. Running it twice opens nothing twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    overdue = (
        Submission.objects.filter(state__in=[State.SUBMITTED, State.IN_REVIEW], due_on__lt=today)
        .exclude(tickets__origin=TicketOrigin.OVERDUE)
        .select_related(
            "enrollment__earner", "enrollment__micro_credential__issuer", "enrollment__version"
        )
    )
    opened = 0
    for submission in overdue:
        try:
            with transaction.atomic():
                ticket = Ticket.objects.create(
                    submission=submission,
                    earner=submission.enrollment.earner,
                    issuer_id=submission.enrollment.micro_credential.issuer_id,
                    micro_credential_id=submission.enrollment.micro_credential_id,
                    subject=_("Decision overdue for %(reference)s")
                    % {"reference": submission.reference},
                    origin=TicketOrigin.OVERDUE,
                    last_message_at=now,
                )
                body = _(
                    "The decision on submission %(reference)s (%(title)s) was due on %(due)s "
                    "and has not been made yet. This ticket was opened for you so that the "
                    "issuer's staff follow it up; you can write here too."
                ) % {
                    "reference": submission.reference,
                    "title": submission.enrollment.version.title,
                    "due": submission.due_on,
                }
                TicketMessage.objects.create(ticket=ticket, side=Side.PLATFORM, body=body)
                notify(
                    [submission.enrollment.earner],
                    subject=_("Your decision is late: we opened ticket #%(n)s") % {"n": ticket.pk},
                    body=body,
                    url=_ticket_url(ticket),
                )
                opened += 1
        except IntegrityError:
            continue  # opened by a concurrent run
    return opened
