"""The help desk's pages: the form, the thread on both sides, and the staff queue."""

import pytest
from django.core import mail

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.assessment.models import Assignment
from microcred.assessment.tests.factories import qualified_assessor
from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import enrollment_for
from microcred.support import services
from microcred.support.models import Ticket, TicketStatus

from .factories import ticket_about

pytestmark = pytest.mark.django_db


def test_the_submission_page_shows_its_id_and_a_get_help_link(client, earner, draft):
    client.force_login(earner)
    page = client.get(f"/submissions/{draft.reference}/").content.decode()
    assert draft.reference in page
    assert f'href="/help/new/?submission={draft.reference}"' in page


def test_the_get_help_link_prefills_the_submission_id(client, earner, draft):
    client.force_login(earner)
    page = client.get(f"/help/new/?submission={draft.reference}").content.decode()
    assert f'value="{draft.reference}"' in page


def test_the_earner_opens_a_ticket_and_the_staff_are_mailed(
    client, earner, draft, issuer_admin, django_capture_on_commit_callbacks
):
    client.force_login(earner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/help/new/",
            {"submission": draft.reference, "subject": "Voucher refused", "body": "Code PILOT1"},
        )
    ticket = Ticket.objects.get()
    assert response["Location"] == f"/help/tickets/{ticket.pk}/"
    assert [m.to for m in mail.outbox] == [[issuer_admin.email]]
    assert f"/help/tickets/{ticket.pk}/" in mail.outbox[0].body


def test_a_round_trip_between_earner_and_staff_shows_on_both_pages(
    client, earner, draft, issuer_admin, django_capture_on_commit_callbacks
):
    ticket = ticket_about(draft, body="Voucher refused.")
    url = f"/help/tickets/{ticket.pk}/"

    client.force_login(issuer_admin)
    staff_page = client.get(url).content.decode()
    assert "Voucher refused." in staff_page
    assert "Erin Earner" in staff_page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}reply/", {"body": "Try code PILOT2.", "status": "waiting"})
    assert mail.outbox[-1].to == [earner.email]

    client.force_login(earner)
    page = client.get(url).content.decode()
    assert "Try code PILOT2." in page
    assert "Waiting on the earner" in page
    assert "Ivy Issuer" not in page  # signed by the desk, never by a person
    assert "help desk" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}reply/", {"body": "That worked, thanks."})
    assert mail.outbox[-1].to == [issuer_admin.email]
    client.post(f"{url}solved/")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SOLVED


def test_another_issuers_staff_cannot_see_the_ticket(client, draft, other_staff):
    ticket = ticket_about(draft)
    client.force_login(other_staff)
    assert client.get(f"/help/tickets/{ticket.pk}/").status_code == 404
    assert client.post(f"/help/tickets/{ticket.pk}/reply/", {"body": "x"}).status_code == 404
    desk = client.get("/help/desk/").content.decode()
    assert ticket.subject not in desk


def test_another_earner_cannot_see_the_ticket(client, draft):
    ticket = ticket_about(draft)
    client.force_login(UserFactory())
    response = client.get(f"/help/tickets/{ticket.pk}/")
    assert response.status_code == 404
    assert b"Erin" not in response.content


def test_a_ticket_for_someone_elses_submission_is_refused_like_an_unknown_id(
    client, earner, other_earners_draft
):
    client.force_login(earner)
    response = client.post(
        "/help/new/",
        {"submission": other_earners_draft.reference, "subject": "Hi", "body": "Hello"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "None of your submissions has the ID" in page
    assert "Sol Someoneelse" not in page
    assert 'value="Hi"' in page  # what was typed is kept
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("raw", ["MC-ZZZZZZZZ", "banana", ""])
def test_an_unknown_or_malformed_id_gets_a_clear_message(client, earner, raw):
    client.force_login(earner)
    response = client.post("/help/new/", {"submission": raw, "subject": "Hi", "body": "Hello"})
    assert response.status_code == 400
    assert b"submission" in response.content.lower()
    assert b"Hello" in response.content
    assert not Ticket.objects.exists()


def test_an_empty_message_is_refused_with_the_subject_kept(client, earner, draft):
    client.force_login(earner)
    response = client.post(
        "/help/new/", {"submission": draft.reference, "subject": "Fee", "body": " "}
    )
    assert response.status_code == 400
    assert b"Write a message before sending it." in response.content
    assert b'value="Fee"' in response.content


def test_an_empty_reply_is_refused_on_the_page(client, earner, draft):
    ticket = ticket_about(draft)
    client.force_login(earner)
    response = client.post(f"/help/tickets/{ticket.pk}/reply/", {"body": ""})
    assert response.status_code == 400
    assert b"Write a message before sending it." in response.content


def test_a_staff_reply_naming_an_assessor_comes_back_with_its_text(client, issuer_admin, draft):
    ticket = ticket_about(draft)
    client.force_login(issuer_admin)
    profile = qualified_assessor(draft.enrollment.micro_credential, name="Quentin Quillassessor")
    Assignment.objects.create(
        submission=draft,
        assessor=profile,
        label="A",
        respond_by=draft.created_at,
        due_on=draft.created_at.date(),
    )
    response = client.post(
        f"/help/tickets/{ticket.pk}/reply/",
        {"body": "Quentin Quillassessor is on it.", "status": "waiting"},
    )
    assert response.status_code == 400
    assert b"anonymous" in response.content
    assert ticket.messages.count() == 1


def test_the_desk_counts_filters_and_sorts_by_age(client, earner, draft, issuer, issuer_admin):
    first = ticket_about(draft, subject="First question")
    second_enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    second_draft = submissions.start_attempt(second_enrollment, by=earner)
    second = ticket_about(second_draft, subject="Second question")
    services.reply(second, by=issuer_admin, body="Answered", status="solved")

    client.force_login(issuer_admin)
    page = client.get("/help/desk/").content.decode()
    assert "2 tickets" in page
    assert page.index("First question") < page.index("Second question")
    assert "Open: <strong>1</strong>" in page
    assert "Solved: <strong>1</strong>" in page

    newest = client.get("/help/desk/?sort=newest").content.decode()
    assert newest.index("Second question") < newest.index("First question")

    solved = client.get("/help/desk/?status=solved").content.decode()
    assert "Second question" in solved
    assert "First question" not in solved

    by_mc = client.get(f"/help/desk/?mc={first.micro_credential_id}").content.decode()
    assert "First question" in by_mc
    assert "Second question" not in by_mc


def test_the_desk_ignores_nonsense_filters(client, issuer_admin):
    client.force_login(issuer_admin)
    response = client.get("/help/desk/?status=lost&mc=abc&sort=sideways")
    assert response.status_code == 200


def test_an_earner_has_no_desk(client, earner):
    client.force_login(earner)
    assert client.get("/help/desk/").status_code == 403


def test_the_desk_is_in_the_navigation_of_issuer_staff(client, issuer_admin, earner):
    client.force_login(issuer_admin)
    assert b'href="/help/desk/"' in client.get("/help/").content
    client.force_login(earner)
    page = client.get("/help/").content
    assert b'href="/help/desk/"' not in page
    assert b'href="/help/"' in page


def test_staff_who_assess_the_submission_do_not_see_the_earners_name(client, issuer, draft):
    ticket = ticket_about(draft, body="Question from me.")
    profile = qualified_assessor(draft.enrollment.micro_credential, name="Ada Adminassessor")
    MembershipFactory(user=profile.user, organization=issuer, role=Role.ISSUER_ADMIN)
    Assignment.objects.create(
        submission=draft,
        assessor=profile,
        label="A",
        respond_by=draft.created_at,
        due_on=draft.created_at.date(),
    )
    client.force_login(profile.user)
    page = client.get(f"/help/tickets/{ticket.pk}/").content.decode()
    assert "Question from me." in page
    assert "Erin" not in page


def test_platform_staff_read_tickets_in_the_admin_without_changing_them(client, draft):
    ticket = ticket_about(draft)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert ticket.subject in client.get("/admin/support/ticket/").content.decode()
    page = client.get(f"/admin/support/ticket/{ticket.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
