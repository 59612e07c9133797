"""What the health endpoint reports: the database, the task workers and the queue."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Max, Min
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat
from .services import TASK_LEASE


def uses_task_workers() -> bool:
    """False when tasks run inline (TASKS_BACKEND=immediate): no worker is needed."""
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def health() -> dict:
    """Whether this deployment can serve and get its background work done.

    Healthy means the database answers and, when tasks go through workers, at least one
    worker has beaten within the lease. Queue depth and the oldest waiting task are
    reported, not judged: a deep queue after a bulk issue is normal, and a monitor that
    knows the deployment's rhythm alerts on it better than a fixed threshold would."""
    now = timezone.now()
    report: dict = {"database": {"ok": False}, "workers": None, "queue": None}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = {"ok": True}
        if uses_task_workers():
            report["workers"] = _workers(now)
            report["queue"] = _queue(now)
    except DatabaseError:
        report["database"] = {"ok": False, "error": "unreachable"}
    workers_ok = report["workers"] is None or report["workers"]["alive"] > 0
    report["healthy"] = report["database"]["ok"] and workers_ok
    return report


def _workers(now) -> dict:
    alive = WorkerHeartbeat.objects.filter(beat_at__gte=now - TASK_LEASE)
    last_beat = WorkerHeartbeat.objects.aggregate(at=Max("beat_at"))["at"]
    last_finished = DBTaskResult.objects.filter(finished_at__isnull=False).aggregate(
        at=Max("finished_at")
    )["at"]
    return {
        "alive": alive.count(),
        "last_heartbeat": _iso(last_beat),
        "last_finished_task": _iso(last_finished),
    }


def _queue(now) -> dict:
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    oldest = ready.aggregate(at=Min("enqueued_at"))["at"]
    return {
        "ready": ready.count(),
        "running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
        "oldest_ready_seconds": round((now - oldest).total_seconds()) if oldest else 0,
    }


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def queued_tasks(task) -> int:
    """How many runs of a task wait in the queue, not yet taken by a worker."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=task.module_path
    ).count()
