"""The cohort page reads a fixed number of queries, however many earners it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from microcred.accounts.tests.factories import UserFactory

from .factories import CohortFactory, cohort_draft, facilitator_of, two_part_version

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_cohort_page_reads_as_many_queries_for_twelve_earners_as_for_two(
    client, issuer, issuer_admin
):
    version = two_part_version(issuer_admin, issuer)
    facilitator = facilitator_of(issuer)
    cohort = CohortFactory(micro_credential=version.micro_credential, facilitator=facilitator)
    client.force_login(facilitator)
    for _ in range(2):
        cohort_draft(UserFactory(), cohort)
    few = _queries(client, f"/cohorts/{cohort.pk}/")
    for _ in range(10):
        cohort_draft(UserFactory(), cohort)
    assert _queries(client, f"/cohorts/{cohort.pk}/") == few
