"""The worker production runs: it waits out a database outage instead of exiting."""

import io

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from microcred.credentials.tasks import sign_awards
from microcred.operations.models import WorkerHeartbeat
from microcred.operations.worker import RecoveringWorker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("task_queue")]


def _worker(**options) -> RecoveringWorker:
    return RecoveringWorker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,  # run what is queued, then return
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        **options,
    )


def test_the_worker_waits_for_the_database_and_then_runs_the_queue(caplog):
    queued = sign_awards.enqueue()
    refusals = iter(range(3))

    def down_three_times(execute, sql, params, many, context):
        if next(refusals, None) is not None:
            raise OperationalError("connection refused")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(down_three_times):
        _worker(first_backoff=0.01, max_backoff=0.02).run()

    assert DBTaskResult.objects.get(pk=queued.id).status == TaskResultStatus.SUCCESSFUL
    assert caplog.text.count("Database unreachable") == 3


def test_a_worker_that_stops_cleanly_leaves_no_heartbeat_behind():
    _worker().run()

    assert not WorkerHeartbeat.objects.exists()


def test_the_command_runs_the_queued_tasks():
    queued = sign_awards.enqueue()

    call_command(
        "run_worker",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--interval=0",
        stdout=io.StringIO(),
    )

    assert DBTaskResult.objects.get(pk=queued.id).status == TaskResultStatus.SUCCESSFUL
