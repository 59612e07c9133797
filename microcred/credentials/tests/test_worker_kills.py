"""Workers killed with SIGKILL during a bulk issue lose nothing and sign nothing twice.

Real `run_worker` processes and `run_periodic` against the test database, so PostgreSQL
only (CI runs the suite there). The full 300-award, 20-kill scenario is
bench/worker_kills.py; this one is small enough for every run of the suite.
"""

import pytest
from django.db import connection

from microcred.credentials.models import Award, BulkIssue
from microcred.credentials.verification import verify

from . import worker_kills

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="worker processes need a PostgreSQL server"
    ),
]

AWARDS = 60
KILLS = 4


@pytest.fixture
def signatures_counted():
    worker_kills.count_signatures()
    yield
    worker_kills.stop_counting_signatures()


def _database_url() -> str:
    db = connection.settings_dict
    port = db.get("PORT") or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{port}/{db['NAME']}"


def test_killed_workers_leave_every_award_signed_exactly_once(signatures_counted, tmp_path):
    cohort, admin = worker_kills.fill_cohort(AWARDS)

    outcome = worker_kills.run(
        cohort,
        admin,
        database_url=_database_url(),
        workers=3,
        kills=KILLS,
        pause=(0.1, 0.5),
        busy_wait=60,
        kill_delay=(0.0, 0.05),
        deadline=120,
        recover_every=10,
        signing_batch=10,
        seed=14,
        log_dir=tmp_path,
    )

    assert outcome.kills == KILLS
    assert outcome.busy_kills >= 1, outcome.log
    assert outcome.kills_during >= 1, outcome.log
    assert outcome.awards == AWARDS, outcome.log
    assert outcome.unsigned == 0, outcome.log
    assert outcome.signed_twice == 0
    assert outcome.seconds_after_last_kill <= 120
    awards = Award.objects.filter(submission__enrollment__cohort=cohort)
    assert awards.values("status_index").distinct().count() == AWARDS
    assert all(verify.verify_text(a.credential_json).verified for a in awards[:5])
    assert BulkIssue.objects.get(cohort=cohort).status == BulkIssue.Status.DONE
