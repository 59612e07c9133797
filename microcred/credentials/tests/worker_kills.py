"""Kill task workers with SIGKILL during a cohort's bulk issue and watch every award get
signed exactly once anyway: the scenario behind test_worker_kills.py (small, in the
suite) and bench/worker_kills.py (300 awards, 20 kills).

It runs the platform as production does: real `manage.py run_worker` processes and one
`manage.py run_periodic` against a PostgreSQL database, a supervisor that starts a new
worker whenever one dies, and nothing else: recovery is whatever those processes do on
their own. Signatures are counted by a trigger on the award table, at the database, so
a second signature would show however it came about.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[3]

SIGNATURE_LOG = "worker_kills_signatures"


def fill_cohort(size: int):
    """A cohort of `size` earners whose submissions were decided Met, with no awards yet
    (as for decisions recorded before the cohort's credentials are issued)."""
    from django.contrib.auth.hashers import make_password

    from microcred.accounts.models import Membership, Organization, Role, User
    from microcred.accounts.tests.factories import OrganizationFactory
    from microcred.backpack.models import Enrollment
    from microcred.catalog.models import Cohort
    from microcred.catalog.tests.factories import published_version
    from microcred.submissions.models import Submission

    tag = uuid.uuid4().hex[:8]
    password = make_password(None)
    issuer = OrganizationFactory(kind=Organization.Kind.ISSUER, name=f"Kill test issuer {tag}")
    admin = User.objects.create(email=f"admin-{tag}@kills.invalid", name="Admin", password=password)
    Membership.objects.create(user=admin, organization=issuer, role=Role.ISSUER_ADMIN)
    staff = User.objects.create(email=f"staff-{tag}@kills.invalid", is_staff=True)
    version = published_version(staff, micro_credential__issuer=issuer, fee=0)
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        micro_credential=version.micro_credential,
        name=f"Cohort {tag}",
        starts_on=today,
        ends_on=today + timedelta(days=60),
        enrollment_opens_on=today - timedelta(days=10),
        enrollment_closes_on=today,
        capacity=size,
    )
    earners = User.objects.bulk_create(
        [
            User(email=f"e{i}-{tag}@kills.invalid", name=f"Earner {i}", password=password)
            for i in range(size)
        ]
    )
    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(
                earner=e, micro_credential=version.micro_credential, version=version, cohort=cohort
            )
            for e in earners
        ]
    )
    now = timezone.now()
    Submission.objects.bulk_create(
        [
            Submission(enrollment=e, state="met", submitted_at=now, decided_at=now)
            for e in enrollments
        ]
    )
    return cohort, admin


def count_signatures() -> None:
    """A trigger that logs every write of an award's signature, at the database."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {SIGNATURE_LOG} (award_id bigint NOT NULL, "
            "at timestamptz NOT NULL DEFAULT clock_timestamp())"
        )
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {SIGNATURE_LOG}_fn() RETURNS trigger AS $$ "  # noqa: S608 (our table)
            f"BEGIN INSERT INTO {SIGNATURE_LOG} (award_id) VALUES (NEW.id); RETURN NEW; END "
            "$$ LANGUAGE plpgsql"
        )
        cursor.execute(f"DROP TRIGGER IF EXISTS {SIGNATURE_LOG}_tr ON credentials_award")
        cursor.execute(
            f"CREATE TRIGGER {SIGNATURE_LOG}_tr AFTER UPDATE ON credentials_award FOR EACH ROW "
            "WHEN (NEW.credential_json IS DISTINCT FROM OLD.credential_json "
            "OR NEW.signed_at IS DISTINCT FROM OLD.signed_at) "
            f"EXECUTE FUNCTION {SIGNATURE_LOG}_fn()"
        )


def stop_counting_signatures() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {SIGNATURE_LOG}_tr ON credentials_award")
        cursor.execute(f"DROP FUNCTION IF EXISTS {SIGNATURE_LOG}_fn()")
        cursor.execute(f"DROP TABLE IF EXISTS {SIGNATURE_LOG}")


def signatures_per_award(award_ids) -> dict[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT award_id, count(*) FROM {SIGNATURE_LOG} WHERE award_id = ANY(%s) "  # noqa: S608 (our table)
            "GROUP BY award_id",
            [list(award_ids)],
        )
        return dict(cursor.fetchall())


@dataclass
class Outcome:
    awards: int = 0
    unsigned: int = 0
    signed_twice: int = 0
    kills: int = 0
    busy_kills: int = 0
    kills_during: int = 0  # kills while awards of the cohort were still unsigned
    seconds_after_last_kill: float | None = None
    total_seconds: float = 0.0
    log: list[str] = field(default_factory=list)


class Fleet:
    """Worker processes under a supervisor that replaces each one that dies."""

    def __init__(self, env: dict, *, workers: int, log_dir: Path):
        self.env, self.size, self.log_dir = env, workers, log_dir
        self.workers: dict[str, subprocess.Popen] = {}
        self.periodic: subprocess.Popen | None = None
        self.started = 0

    def _spawn(self, *args: str, name: str) -> subprocess.Popen:
        with (self.log_dir / f"{name}.log").open("ab") as out:
            return subprocess.Popen(  # noqa: S603 (our own manage.py)
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def start_worker(self) -> None:
        self.started += 1
        worker_id = f"kills-{self.started}-{uuid.uuid4().hex[:6]}"
        self.workers[worker_id] = self._spawn(
            "run_worker", "--worker-id", worker_id, "--no-reload", name=worker_id
        )

    def start(self, *, recover_every: int) -> None:
        for _ in range(self.size):
            self.start_worker()
        self.periodic = self._spawn(
            "run_periodic", "--recover-every", str(recover_every), name="run_periodic"
        )

    def kill(self, worker_id: str) -> None:
        process = self.workers.pop(worker_id)
        process.send_signal(signal.SIGKILL)
        process.wait()
        self.start_worker()  # the supervisor (systemd, Kubernetes) starts a new one

    def stop(self) -> None:
        processes = [*self.workers.values(), *([self.periodic] if self.periodic else [])]
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def busy_workers() -> list[str]:
    """Workers holding a task now, read from the queue as a monitor would."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list(
        "worker_ids", flat=True
    )
    return [ids[-1] for ids in rows if ids]


def _wait_for_heartbeats(count: int, *, timeout: float) -> None:
    from microcred.operations.models import WorkerHeartbeat

    until = time.monotonic() + timeout
    while WorkerHeartbeat.objects.count() < count and time.monotonic() < until:
        time.sleep(0.2)


def run(
    cohort,
    admin,
    *,
    database_url: str,
    workers: int,
    kills: int,
    pause: tuple[float, float],
    busy_wait: float = 5.0,
    kill_delay: tuple[float, float] = (0.0, 0.5),
    deadline: float,
    recover_every: int = 30,
    signing_batch: int | None = None,
    seed: int | None = None,
    log_dir: Path,
) -> Outcome:
    """Issue the cohort's credentials with `workers` workers, SIGKILL one `kills` times
    with random pauses (a busy one, `kill_delay` seconds after it took its task, whenever
    one becomes busy within `busy_wait` seconds), and wait up to `deadline` seconds after
    the last kill for every award to be signed."""
    from django.test import override_settings

    from microcred.credentials.issuing import services
    from microcred.credentials.models import Award

    rng = random.Random(seed)
    size = cohort.capacity
    env = os.environ | {
        "DATABASE_URL": database_url,
        "TASKS_BACKEND": "database",
        "DEBUG": "false",
        "PYTHONUNBUFFERED": "1",
    }
    if signing_batch:
        env["CREDENTIALS_SIGNING_BATCH"] = str(signing_batch)
    outcome = Outcome()
    fleet = Fleet(env, workers=workers, log_dir=log_dir)
    started = time.monotonic()
    try:
        fleet.start(recover_every=recover_every)
        _wait_for_heartbeats(workers, timeout=60)
        database_backend = {
            "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
        }
        with override_settings(TASKS=database_backend):
            services.issue_for_cohort(cohort, by=admin)
        last_kill = time.monotonic()
        last_kill_during = timezone.now()
        awards = Award.objects.filter(submission__enrollment__cohort=cohort)
        for n in range(kills):
            if n:  # the first kill goes for the first task: a cohort is quickly issued
                time.sleep(rng.uniform(*pause))
            # Wait for a worker to hold a task (for as long as work remains), so that the
            # kill lands mid-work: taking a task, making awards, claiming, signing or
            # storing a batch, at a random moment after the task was taken.
            waited_until = time.monotonic() + busy_wait
            polls = 0
            while not (busy := [w for w in busy_workers() if w in fleet.workers]):
                polls += 1
                if time.monotonic() > waited_until or (
                    polls % 10 == 0 and awards.filter(signed_at__isnull=False).count() == size
                ):
                    break
                time.sleep(0.02)
            if busy:
                time.sleep(rng.uniform(*kill_delay))
                victim = rng.choice(busy)
            else:
                victim = rng.choice(list(fleet.workers))
            still_busy = victim in busy_workers()
            unsigned = size - awards.filter(signed_at__isnull=False).count()
            fleet.kill(victim)
            outcome.kills += 1
            outcome.busy_kills += still_busy
            last_kill = time.monotonic()
            if unsigned:
                outcome.kills_during += 1
                last_kill_during = timezone.now()
            note = (" (busy)" if still_busy else "") + f", {unsigned} awards unsigned"
            outcome.log.append(f"{last_kill - started:6.1f} s kill {victim}{note}")
        while time.monotonic() - last_kill < deadline:
            if awards.filter(signed_at__isnull=False).count() == size:
                break
            time.sleep(0.5)
        outcome.awards = awards.count()
        outcome.unsigned = size - awards.filter(signed_at__isnull=False).count()
        if outcome.unsigned == 0:
            # From the last kill that found work left to the last signature's own time.
            last_signed = max(a.signed_at for a in awards.only("signed_at"))
            outcome.seconds_after_last_kill = max(
                0.0, (last_signed - last_kill_during).total_seconds()
            )
        else:
            outcome.seconds_after_last_kill = (timezone.now() - last_kill_during).total_seconds()
        counts = signatures_per_award(awards.values_list("pk", flat=True))
        outcome.signed_twice = sum(1 for n in counts.values() if n > 1)
    finally:
        fleet.stop()
    outcome.total_seconds = time.monotonic() - started
    return outcome
