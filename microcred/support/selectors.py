"""Reads of the help desk worth naming: the staff queue with its counts, and threads as
each side may see them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts import selectors as accounts_selectors
from microcred.accounts.models import Organization, User
from microcred.assessment.models import Assignment
from microcred.catalog.models import MicroCredential

from .models import Side, Ticket, TicketStatus


def issuer_staff(issuer_id: int) -> list[User]:
    return list(accounts_selectors.admins(issuer_id))


def desk_name(ticket: Ticket) -> str:
    return _("%(issuer)s help desk") % {"issuer": ticket.issuer.name}


def assessors_of(submission) -> list[tuple[str, str]]:
    """Name and e-mail of everyone who was offered a review of any attempt of this
    enrollment: the people a staff reply to its earner must never name."""
    return list(
        Assignment.objects.filter(submission__enrollment_id=submission.enrollment_id)
        .values_list("assessor__user__name", "assessor__user__email")
        .distinct()
    )


def assessed_by(submission, user) -> bool:
    """Whether this person reviews (or reviewed) any attempt of the submission's enrollment:
    staff who also assess keep the earner's name out of their sight, as reviews do."""
    return Assignment.objects.filter(
        submission__enrollment_id=submission.enrollment_id, assessor__user=user
    ).exists()


def staff_issuers(user) -> list[Organization]:
    return list(permissions.administered_issuers(user))


def has_desk(user) -> bool:
    return bool(staff_issuers(user)) if user.is_authenticated else False


SORTS = {
    "oldest": ("created_at", "id"),
    "newest": ("-created_at", "-id"),
    "activity": ("-last_message_at", "-id"),
}


@dataclass
class Queue:
    tickets: list
    status_counts: dict[str, int]
    micro_credential_counts: list[tuple[MicroCredential, int]]
    total: int


def staff_queue(user, *, status: str = "", micro_credential: int | None = None, sort="oldest"):
    """The tickets of the issuers this person answers for, filtered and sorted, with the
    counts per status and per micro-credential (within the other filter)."""
    issuers = staff_issuers(user)
    base = Ticket.objects.filter(issuer__in=issuers)
    by_status = base.filter(micro_credential_id=micro_credential) if micro_credential else base
    status_counts = {
        row["status"]: row["n"] for row in by_status.values("status").annotate(n=Count("id"))
    }
    by_mc = base.filter(status=status) if status else base
    mc_counts = dict(
        by_mc.values_list("micro_credential_id")
        .annotate(n=Count("id"))
        .values_list("micro_credential_id", "n")
    )
    micro_credentials = MicroCredential.objects.filter(pk__in=mc_counts).select_related(
        "current_version"
    )
    tickets = base
    if status:
        tickets = tickets.filter(status=status)
    if micro_credential:
        tickets = tickets.filter(micro_credential_id=micro_credential)
    tickets = tickets.select_related(
        "submission", "micro_credential__current_version", "earner", "issuer"
    ).order_by(*SORTS.get(sort, SORTS["oldest"]))
    return Queue(
        tickets=list(tickets[:500]),
        status_counts={value: status_counts.get(value, 0) for value in TicketStatus.values},
        micro_credential_counts=sorted(
            ((mc, mc_counts[mc.pk]) for mc in micro_credentials), key=lambda row: str(row[0])
        ),
        total=sum(status_counts.values()),
    )


def earner_tickets(user) -> list[Ticket]:
    return list(Ticket.objects.filter(earner=user).select_related("submission", "issuer"))


def readable_ticket(user, pk: int) -> Ticket | None:
    ticket = (
        Ticket.objects.filter(pk=pk)
        .select_related("submission", "issuer", "earner", "micro_credential__current_version")
        .first()
    )
    if ticket is None or not permissions.can_read_ticket(user, ticket):
        return None
    return ticket


@dataclass
class ShownMessage:
    who: str
    side: str
    body: str
    at: object


def thread(ticket: Ticket, *, for_staff: bool, hide_earner: bool = False) -> list[ShownMessage]:
    """The ticket's messages with who wrote each as the reader may know it: the earner
    sees the issuer's help desk, never a staff member's name (who might have assessed),
    and staff who assessed the submission see "the earner", never a name."""
    shown = []
    for message in ticket.messages.select_related("author"):
        if message.side == Side.EARNER:
            who = _("The earner") if hide_earner else ticket.earner.name
        elif message.side == Side.STAFF:
            desk = desk_name(ticket)
            who = f"{message.author.name} ({desk})" if for_staff and message.author else desk
        else:
            who = "microcred"
        shown.append(
            ShownMessage(who=who, side=message.side, body=message.body, at=message.created_at)
        )
    return shown
