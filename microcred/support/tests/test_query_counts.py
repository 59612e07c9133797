"""The staff queue reads a fixed number of queries, however many tickets it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from microcred.accounts.tests.factories import UserFactory
from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import enrollment_for

from .factories import ticket_about

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _tickets(n, issuer, issuer_admin):
    for _ in range(n):
        earner = UserFactory()
        enrollment = enrollment_for(
            earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
        )
        ticket_about(submissions.start_attempt(enrollment, by=earner))


def test_the_desk_reads_as_many_queries_for_twelve_tickets_as_for_two(client, issuer, issuer_admin):
    client.force_login(issuer_admin)
    _tickets(2, issuer, issuer_admin)
    few = _queries(client, "/help/desk/")
    _tickets(10, issuer, issuer_admin)
    assert _queries(client, "/help/desk/") == few
