"""What the running processes say about themselves: task workers' heartbeats."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One task worker process, alive as long as it beats.

    A worker beats every few seconds from a thread of its own, so a long task does not
    make it look dead; a worker killed with -9 stops beating, and the tasks it held are
    taken back once its beat is older than the lease (services.TASK_LEASE)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()

    class Meta:
        ordering = ["-beat_at"]
        indexes = [models.Index(fields=["beat_at"], name="worker_heartbeat_beat")]
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
