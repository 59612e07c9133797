"""Inviting many people at once: every row answered, each invitation audited and mailed,
in the same few queries per batch however long the list."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microcred.accounts import services
from microcred.accounts.models import (
    Invitation,
    MembershipChange,
    Role,
)
from microcred.accounts.services import BulkRow, RowOutcome
from microcred.accounts.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_admin(district):
    return MembershipFactory(organization=district, role=Role.ORG_ADMIN).user


def _rows(count, start=0, role=Role.EARNER):
    return [
        BulkRow(email=f"teacher{n}@example.org", role=role, name=f"T {n}")
        for n in range(start, start + count)
    ]


def test_each_good_row_is_invited_audited_and_mailed(
    district, district_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        results = services.invite_many(district, by=district_admin, rows=_rows(3))

    assert [r.outcome for r in results] == [RowOutcome.INVITE] * 3
    assert Invitation.objects.filter(organization=district, role=Role.EARNER).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [f"teacher{n}@example.org" for n in range(3)]
    audit = MembershipChange.objects.filter(action="invited", actor=district_admin)
    assert audit.count() == 3
    assert {r.invitation_id for r in results} == set(
        Invitation.objects.values_list("pk", flat=True)
    )


def test_every_row_with_a_problem_is_reported_and_the_others_still_invited(
    district, district_admin, earner
):
    services.invite(district, by=district_admin, email="waiting@example.org", role=Role.EARNER)
    rows = [
        BulkRow(email="not an address", role=Role.EARNER),
        BulkRow(email=earner.email.upper(), role=Role.EARNER),
        BulkRow(email="waiting@example.org", role=Role.EARNER),
        BulkRow(email="new@example.org", role=Role.ASSESSOR),
        BulkRow(email=district_admin.email, role=Role.FACILITATOR),
        BulkRow(email="new@example.org", role=Role.EARNER),
        BulkRow(email="New@Example.org", role=Role.EARNER),
    ]

    results = services.invite_many(district, by=district_admin, rows=rows)

    assert [r.outcome for r in results] == [
        RowOutcome.BAD_EMAIL,
        RowOutcome.MEMBER,
        RowOutcome.INVITED,
        RowOutcome.NOT_ALLOWED,
        RowOutcome.SELF,
        RowOutcome.INVITE,
        RowOutcome.DUPLICATE,
    ]
    assert "is not an e-mail address" in results[0].message
    assert "Already educator at Riverbend Unified" in results[1].message
    assert "has no assessor role" in results[3].message
    assert Invitation.objects.filter(email="new@example.org").count() == 1


def test_an_issuer_admin_may_list_assessors_but_not_admins(issuer, issuer_admin):
    results = services.invite_many(
        issuer,
        by=issuer_admin,
        rows=[
            BulkRow(email="a@example.org", role=Role.ASSESSOR),
            BulkRow(email="b@example.org", role=Role.ORG_ADMIN),
        ],
    )

    assert [r.outcome for r in results] == [RowOutcome.INVITE, RowOutcome.NOT_ALLOWED]
    assert "may not invite people as organization admin" in results[1].message


def test_someone_without_the_right_invites_nobody(district, earner):
    with pytest.raises(PermissionDenied):
        services.invite_many(district, by=earner, rows=_rows(1))
    with pytest.raises(PermissionDenied):
        services.review_invitations(district, by=earner, rows=_rows(1))
    assert not Invitation.objects.exists()


def test_an_expired_invitation_in_the_list_is_replaced(district, district_admin):
    old = services.invite(district, by=district_admin, email="teacher0@example.org", role="earner")
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        results = services.invite_many(district, by=district_admin, rows=_rows(1))
        old.refresh_from_db()
        assert results[0].outcome == RowOutcome.INVITE
        assert old.revoked_at is not None
        assert Invitation.objects.get(pk=results[0].invitation_id).status == "pending"


def test_the_review_says_the_same_and_changes_nothing(district, district_admin, earner):
    rows = [*_rows(2), BulkRow(email=earner.email, role=Role.EARNER)]

    review = services.review_invitations(district, by=district_admin, rows=rows)

    assert [r.outcome for r in review] == [RowOutcome.INVITE, RowOutcome.INVITE, RowOutcome.MEMBER]
    assert not Invitation.objects.exists()
    assert not MembershipChange.objects.exists()


def _queries(district, by, rows):
    with CaptureQueriesContext(connection) as queries:
        services.invite_many(district, by=by, rows=rows)
    return len(queries)


def test_a_batch_costs_the_same_queries_whatever_its_size(district, district_admin):
    batch = services.BULK_BATCH
    _queries(district, district_admin, _rows(1, start=10 * batch))  # the inviter's roles, read once
    one_batch = _queries(district, district_admin, _rows(batch))
    three_batches = _queries(district, district_admin, _rows(3 * batch, start=batch))

    assert three_batches == 3 * one_batch
    assert one_batch < 20


def test_invitations_are_mailed_in_batches_over_few_connections(
    district, district_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_many(district, by=district_admin, rows=_rows(450))

    assert len(mail.outbox) == 450
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0


def test_a_user_account_with_capital_letters_is_still_recognised(district, district_admin):
    person = UserFactory(email="Mixed.Case@Example.org")
    MembershipFactory(user=person, organization=district, role=Role.EARNER)

    results = services.invite_many(
        district, by=district_admin, rows=[BulkRow(email="mixed.case@example.org", role="earner")]
    )

    assert results[0].outcome == RowOutcome.MEMBER
