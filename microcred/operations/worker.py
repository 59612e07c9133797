"""The task worker production runs: django-tasks' database worker, plus a heartbeat, the
recovery of dead workers' tasks, and patience when the database goes away.

The library's worker exits on the first database error and never beats, so a restart
loop is needed around it and a task it held when killed stays RUNNING. This one:
- beats from a thread every HEARTBEAT_EVERY, so its liveness shows even during a long
  task, and every third beat takes back the tasks of workers that stopped beating;
- on losing the database, reconnects with back-off (1 s, doubling, capped) instead of
  exiting, then puts back in the queue whatever it was running when the connection went,
  since no one else will (it is alive, so its tasks look owned).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time

from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from . import services
from .outage import OUTAGE_ERRORS

logger = logging.getLogger("microcred.worker")

# Recover dead workers' tasks every this many beats (every 15 s at a 5 s beat).
RECOVER_EVERY_BEATS = 3


class RecoveringWorker(Worker):
    def __init__(self, *, max_backoff: float = 30.0, first_backoff: float = 1.0, **kwargs):
        super().__init__(**kwargs)
        self.first_backoff, self.max_backoff = first_backoff, max_backoff
        self.started_at = timezone.now()
        self._stopping = threading.Event()

    def run(self) -> None:
        beats = threading.Thread(target=self._beat, name="heartbeat", daemon=True)
        beats.start()
        try:
            while self.running:
                self._wait_for_database()
                try:
                    services.release_own(self.worker_id)
                    super().run()
                    return
                except OUTAGE_ERRORS as exc:
                    logger.warning("Lost the database (%s); reconnecting.", exc)
                    connections.close_all()
        finally:
            self._stopping.set()
            beats.join(timeout=services.HEARTBEAT_EVERY.total_seconds() + 1)
            with contextlib.suppress(*OUTAGE_ERRORS):  # else its heartbeat ages out
                services.stop(self.worker_id)

    def _wait_for_database(self) -> None:
        delay = self.first_backoff
        while True:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                return
            except OUTAGE_ERRORS as exc:
                logger.warning("Database unreachable (%s); trying again in %.0f s.", exc, delay)
                connections.close_all()
                time.sleep(delay)
                delay = min(delay * 2, self.max_backoff)

    def _beat(self) -> None:
        """The heartbeat thread, with its own database connection."""
        count = 0
        every = services.HEARTBEAT_EVERY.total_seconds()
        try:
            while not self._stopping.is_set():
                try:
                    services.beat(self.worker_id, started_at=self.started_at)
                    if count % RECOVER_EVERY_BEATS == 0:
                        services.recover_tasks()
                except OUTAGE_ERRORS:
                    connection.close()  # the next beat reconnects
                except Exception:
                    logger.exception("Heartbeat failed")
                count += 1
                self._stopping.wait(every)
        finally:
            connection.close()
