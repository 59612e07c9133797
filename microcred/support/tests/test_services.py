"""Help desk rules: tickets, replies and statuses, and tickets for overdue decisions."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from microcred.assessment.services import assign
from microcred.assessment.tests.factories import qualified_assessor, submitted
from microcred.notifications.models import Notification
from microcred.submissions.models import Submission
from microcred.support import services
from microcred.support.models import Side, Ticket, TicketMessage, TicketOrigin, TicketStatus

from .factories import ticket_about

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
MONDAY = datetime(2027, 3, 1, 10, 0, tzinfo=NEW_YORK)


@pytest.fixture
def overdue(enrollment):
    """Submitted on a Monday; the decision is due 14 business days later, on March 19."""
    mc = enrollment.micro_credential
    qualified_assessor(mc), qualified_assessor(mc)
    with time_machine.travel(MONDAY):
        submission = submitted(enrollment)
        assign.sweep()
    return Submission.objects.get(pk=submission.pk)


def test_an_overdue_submission_opens_one_ticket_however_often_the_task_runs(
    overdue, earner, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(datetime(2027, 3, 23, 9, tzinfo=NEW_YORK)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        runs = [services.open_overdue_tickets() for _ in range(3)]

    assert runs == [1, 0, 0]
    ticket = Ticket.objects.get(submission=overdue)
    assert (ticket.origin, ticket.status, ticket.earner) == (
        TicketOrigin.OVERDUE,
        TicketStatus.OPEN,
        earner,
    )
    assert Notification.objects.filter(user=earner, url=f"/help/tickets/{ticket.pk}/").exists()
    to_earner = [m for m in mail.outbox if m.to == [earner.email]]
    assert len(to_earner) == 1
    assert overdue.reference in to_earner[0].body


def test_a_submission_within_its_service_level_opens_no_ticket(overdue):
    with time_machine.travel(datetime(2027, 3, 19, 16, tzinfo=NEW_YORK)):
        assert services.open_overdue_tickets() == 0


def test_run_periodic_opens_the_overdue_tickets(overdue):
    with time_machine.travel(datetime(2027, 3, 23, 9, tzinfo=NEW_YORK)):
        call_command("run_periodic", "--once", stdout=io.StringIO())
    assert Ticket.objects.filter(submission=overdue, origin=TicketOrigin.OVERDUE).count() == 1


def test_an_earners_ticket_reaches_the_issuers_staff(
    draft, issuer_admin, org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = ticket_about(draft)

    assert ticket.status == TicketStatus.OPEN
    assert sorted(m.to[0] for m in mail.outbox) == sorted([issuer_admin.email, org_admin.email])
    assert draft.reference in mail.outbox[0].body


def test_a_staff_answer_waits_on_the_earner_and_reaches_them_signed_by_the_desk(
    draft, earner, issuer_admin, django_capture_on_commit_callbacks
):
    ticket = ticket_about(draft)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(ticket, by=issuer_admin, body="Refunded the second charge.")

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING
    assert mail.outbox[-1].to == [earner.email]
    assert "help desk" in mail.outbox[-1].subject
    assert issuer_admin.name not in mail.outbox[-1].subject + mail.outbox[-1].body


def test_the_earners_reply_reopens_a_waiting_or_solved_ticket(draft, earner, issuer_admin):
    ticket = ticket_about(draft)
    services.reply(ticket, by=issuer_admin, body="Solved on our side.", status="solved")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SOLVED
    assert ticket.solved_at is not None

    services.reply(ticket, by=earner, body="Still charged twice.")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.solved_at) == (TicketStatus.OPEN, None)


def test_the_earner_marks_their_ticket_solved(draft, earner):
    ticket = ticket_about(draft)
    services.mark_solved(ticket, by=earner)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SOLVED


def test_another_issuers_staff_can_neither_answer_nor_solve(draft, other_staff):
    ticket = ticket_about(draft)
    with pytest.raises(PermissionDenied):
        services.reply(ticket, by=other_staff, body="Hello")
    with pytest.raises(PermissionDenied):
        services.mark_solved(ticket, by=other_staff)
    assert ticket.messages.count() == 1


def test_nobody_opens_a_ticket_about_someone_elses_submission(other_earners_draft, earner):
    with pytest.raises(PermissionDenied):
        services.open_ticket(other_earners_draft, by=earner, subject="Hi", body="Hi")
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    ("field", "subject", "body"),
    [("subject", "", "Help"), ("body", "Fee", ""), ("body", "Fee", "  \n  ")],
)
def test_a_ticket_needs_a_subject_and_a_message(draft, earner, field, subject, body):
    with pytest.raises(ValidationError) as refused:
        services.open_ticket(draft, by=earner, subject=subject, body=body)
    assert field in refused.value.message_dict
    assert not Ticket.objects.exists()


def test_an_empty_reply_is_refused_and_the_status_stays(draft, issuer_admin):
    ticket = ticket_about(draft)
    with pytest.raises(ValidationError):
        services.reply(ticket, by=issuer_admin, body="")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.messages.count()) == (TicketStatus.OPEN, 1)


def test_a_staff_reply_naming_an_assessor_is_refused(overdue, issuer_admin):
    ticket = ticket_about(overdue)
    assessor = overdue.assignments.select_related("assessor__user").first().assessor.user
    for body in (f"{assessor.name} is late.", f"Write to {assessor.email.upper()}"):
        with pytest.raises(ValidationError, match="anonymous"):
            services.reply(ticket, by=issuer_admin, body=body)
    assert not TicketMessage.objects.filter(side=Side.STAFF).exists()


@pytest.mark.parametrize("typed", ["{ref}", "{ref_lower}", " {bare} ", "MC {bare}", "mc{bare}"])
def test_a_submission_id_is_found_however_it_is_typed(draft, earner, typed):
    bare = draft.reference.removeprefix("MC-")
    raw = typed.format(ref=draft.reference, ref_lower=draft.reference.lower(), bare=bare)
    assert services.find_submission(raw, earner=earner) == draft


@pytest.mark.parametrize("typed", ["MC6GMFHU", " mc6gmfhu ", "MCMC6GMFHU", "mc-mc6g mfhu"])
def test_an_id_whose_own_characters_begin_with_mc_is_found_without_its_prefix(draft, earner, typed):
    Submission.objects.filter(pk=draft.pk).update(reference="MC-MC6GMFHU")

    assert services.find_submission(typed, earner=earner) == draft


@pytest.mark.parametrize("raw", ["", "hello", "MC-12", "MC-ABCDEFGH1", "<script>", "MC-ÄÖÜ12345"])
def test_a_malformed_submission_id_says_what_an_id_looks_like(earner, raw):
    with pytest.raises(ValidationError, match="submission ID|MC-7K3QX9TA"):
        services.find_submission(raw, earner=earner)


def test_someone_elses_submission_id_is_answered_as_unknown(other_earners_draft, earner):
    with pytest.raises(ValidationError, match="None of your submissions") as refused:
        services.find_submission(other_earners_draft.reference, earner=earner)
    assert "Sol" not in str(refused.value)
