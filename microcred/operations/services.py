"""Keeping background work alive: worker heartbeats and taking back the tasks of dead
workers.

The task queue (django-tasks' database backend) marks a task RUNNING when a worker takes
it and never looks at it again: a worker killed with -9, or a machine that lost power,
leaves the row RUNNING for ever and its work undone. Every task of ours is idempotent
(it takes ids and checks what is already done), so a task whose worker is gone is put
back in the queue; one that has already killed MAX_ATTEMPTS workers is marked failed
instead, so a task that crashes its process cannot take the workers down in a loop.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# A worker beats every HEARTBEAT_EVERY; one silent for TASK_LEASE (six missed beats, so
# a busy database or a paused container does not count as death) is taken for dead.
HEARTBEAT_EVERY = timedelta(seconds=5)
TASK_LEASE = timedelta(seconds=30)
# A task run by a worker that never beats (the library's plain `db_worker`) is taken
# back only after this long, since nothing tells whether it is still working.
UNTRACKED_LEASE = timedelta(minutes=30)
# How many workers a task may outlive before it is marked failed rather than run again.
MAX_ATTEMPTS = 5
# Heartbeats of workers that stopped are kept this long, for the health page's history.
FORGET_AFTER = timedelta(days=1)


class WorkerLost(Exception):
    """The worker running a task stopped (killed, or its machine lost) before finishing."""


def beat(worker_id: str, *, started_at) -> None:
    """Say that this worker is alive, now."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"beat_at": now},
        create_defaults={
            "beat_at": now,
            "started_at": started_at,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def stop(worker_id: str) -> None:
    """A worker stopping cleanly leaves no heartbeat to wait out."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def release_own(worker_id: str) -> int:
    """Put back in the queue the tasks this worker was running when it lost the database:
    the worker is alive, so nothing else would ever take them back."""
    with transaction.atomic():
        rows = [
            row
            for row in DBTaskResult.objects.select_for_update()
            .filter(status=TaskResultStatus.RUNNING)
            .only("pk", "worker_ids")
            if row.worker_ids and row.worker_ids[-1] == worker_id
        ]
        return _requeue_or_fail(rows)


def recover_tasks() -> dict:
    """Requeue (or fail, past MAX_ATTEMPTS) the tasks whose worker is gone. Safe to run
    from every worker and the periodic command at once: rows are locked, skipped when
    another recovery holds them, and only RUNNING rows change."""
    now = timezone.now()
    with transaction.atomic():
        running = list(
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(status=TaskResultStatus.RUNNING)
            .only("pk", "worker_ids", "started_at", "task_path")
        )
        last_worker = {row.pk: (row.worker_ids or [""])[-1] for row in running}
        beats = dict(
            WorkerHeartbeat.objects.filter(worker_id__in=set(last_worker.values())).values_list(
                "worker_id", "beat_at"
            )
        )
        abandoned = []
        for row in running:
            beat_at = beats.get(last_worker[row.pk])
            if beat_at is not None:
                dead = beat_at < now - TASK_LEASE
            else:
                dead = row.started_at is not None and row.started_at < now - UNTRACKED_LEASE
            if dead:
                abandoned.append(row)
        failed_before = sum(1 for row in abandoned if len(row.worker_ids) >= MAX_ATTEMPTS)
        requeued = _requeue_or_fail(abandoned)
    WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGET_AFTER).delete()
    if abandoned:
        logger.warning(
            "Took back %d task(s) whose worker stopped: %d requeued, %d failed.",
            len(abandoned),
            requeued,
            failed_before,
        )
    return {"requeued": requeued, "failed": failed_before}


def _requeue_or_fail(rows: list[DBTaskResult]) -> int:
    """Inside the caller's transaction, with the rows locked. Returns how many went back
    to the queue."""
    again = [row.pk for row in rows if len(row.worker_ids) < MAX_ATTEMPTS]
    spent = [row.pk for row in rows if len(row.worker_ids) >= MAX_ATTEMPTS]
    if again:
        DBTaskResult.objects.filter(pk__in=again, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY
        )
    if spent:
        DBTaskResult.objects.filter(pk__in=spent, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=(
                f"WorkerLost: {MAX_ATTEMPTS} workers stopped while running this task; "
                "it is not run again.\n"
            ),
            return_value=None,
        )
    return len(again)
