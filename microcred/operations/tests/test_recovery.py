"""Tasks whose worker died go back to the queue; a task that outlived too many fails."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from microcred.credentials.tasks import sign_awards
from microcred.operations import services
from microcred.operations.models import WorkerHeartbeat

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("task_queue")]


def _running(worker_id: str, *, attempts: int = 1) -> DBTaskResult:
    result = sign_awards.enqueue()
    row = DBTaskResult.objects.get(pk=result.id)
    for n in range(attempts - 1):
        row.claim(f"{worker_id}-before-{n}")
    row.claim(worker_id)
    return row


def _status(row) -> str:
    row.refresh_from_db()
    return row.status


def _beat(worker_id: str, *, ago: timedelta = timedelta(0)) -> None:
    with time_machine.travel(timezone.now() - ago):
        services.beat(worker_id, started_at=timezone.now())


def test_the_task_of_a_worker_that_stopped_beating_is_queued_again():
    row = _running("dead")
    _beat("dead", ago=services.TASK_LEASE + timedelta(seconds=1))

    assert services.recover_tasks() == {"requeued": 1, "failed": 0}
    assert _status(row) == TaskResultStatus.READY


def test_the_task_of_a_living_worker_is_left_alone():
    row = _running("alive")
    _beat("alive", ago=timedelta(seconds=3))

    assert services.recover_tasks() == {"requeued": 0, "failed": 0}
    assert _status(row) == TaskResultStatus.RUNNING


def test_a_task_that_outlived_too_many_workers_fails_with_the_reason():
    row = _running("dead", attempts=services.MAX_ATTEMPTS)
    _beat("dead", ago=timedelta(minutes=5))

    assert services.recover_tasks() == {"requeued": 0, "failed": 1}
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path.endswith("WorkerLost")
    assert "workers stopped while running this task" in row.traceback


def test_a_task_of_a_worker_that_never_beats_is_taken_back_only_after_the_long_lease():
    row = _running("plain-db-worker")

    assert services.recover_tasks()["requeued"] == 0
    with time_machine.travel(timezone.now() + services.UNTRACKED_LEASE + timedelta(minutes=1)):
        assert services.recover_tasks()["requeued"] == 1
    assert _status(row) == TaskResultStatus.READY


def test_a_worker_that_lost_the_database_hands_back_its_own_tasks():
    mine, theirs = _running("me"), _running("them")

    assert services.release_own("me") == 1
    assert _status(mine) == TaskResultStatus.READY
    assert _status(theirs) == TaskResultStatus.RUNNING


def test_heartbeats_of_workers_gone_for_a_day_are_forgotten():
    _beat("long-gone", ago=timedelta(days=2))
    _beat("alive")

    services.recover_tasks()

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]


def test_the_periodic_command_takes_back_dead_workers_tasks():
    row = _running("dead")
    _beat("dead", ago=timedelta(minutes=5))

    call_command("run_periodic", "--once", stdout=io.StringIO())

    assert _status(row) == TaskResultStatus.READY
