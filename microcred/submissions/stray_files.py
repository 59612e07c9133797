"""Removing files that a web process killed mid-request leaves behind.

An evidence upload is first streamed to a temporary file (FILE_UPLOAD_TEMP_DIR), then
stored, then its row is committed. A process killed between those steps leaves a
temporary file nobody deletes, or a stored file no row points to: no page can reach it
and it is never removed, while it holds someone's evidence. The periodic runner sweeps
both, once an hour:

- stored files under evidence/ that no Evidence row names, last changed more than
  STRAY_AFTER ago (an upload in progress, whose row is not committed yet, is younger);
  a file any row names is never touched, whatever its age, since a revision's rows share
  the files of the attempt before;
- temporary upload files older than STRAY_AFTER (no upload takes a day).

Temporary files are on each web host's own disk: a deployment of several web hosts runs
`manage.py run_periodic --once` from cron on each, or gives them one shared folder.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.utils import timezone

from .models import Evidence

STRAY_AFTER = timedelta(days=1)
EVIDENCE_FOLDER = "evidence"
SWEEP_EVERY_SECONDS = 60 * 60
BATCH = 500  # names looked up per query, well under SQLite's limit on parameters


def _stored_names(folder: str):
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored_names(f"{folder}/{sub}")


def sweep_stored(*, now=None) -> int:
    """Delete stored evidence files that no row names and that are older than a day."""
    now = now or timezone.now()
    try:
        stored = list(_stored_names(EVIDENCE_FOLDER))
    except FileNotFoundError:
        return 0
    named = set()
    for start in range(0, len(stored), BATCH):
        batch = stored[start : start + BATCH]
        named.update(Evidence.objects.filter(file__in=batch).values_list("file", flat=True))
    removed = 0
    for name in stored:
        if name in named:
            continue
        if now - default_storage.get_modified_time(name) < STRAY_AFTER:
            continue
        # Checked again one by one: a row may have been committed since the first look.
        if Evidence.objects.filter(file=name).exists():
            continue
        default_storage.delete(name)
        removed += 1
    return removed


def sweep_temporary(*, now: float | None = None) -> int:
    """Delete temporary upload files older than a day."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR or "")
    if not settings.FILE_UPLOAD_TEMP_DIR or not folder.is_dir():
        return 0
    cutoff = (now or time.time()) - STRAY_AFTER.total_seconds()
    removed = 0
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
            Path(entry.path).unlink(missing_ok=True)
            removed += 1
    return removed


def sweep(*, force: bool = False) -> dict:
    """Both sweeps, at most once an hour across every process (listing the storage costs,
    on object storage most of all), unless forced."""
    if not force and not cache.add("stray-files-swept", 1, SWEEP_EVERY_SECONDS):
        return {"stored": 0, "temporary": 0}
    return {"stored": sweep_stored(), "temporary": sweep_temporary()}
