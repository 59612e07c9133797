"""Benchmark: one assignment sweep over a large queue.

    .venv/bin/python bench/assignment.py [--engine sqlite|postgres|both]
                                         [--submissions 10000] [--assessors 1000]
                                         [--pg-database microcred_bench_assignment]

Fills a database of its own (bench/assignment.sqlite3, or a PostgreSQL database it drops
and creates: --pg-database, or BENCH_PG_DATABASE, default microcred_bench_assignment, so
that people sharing one server each bench in their own) with waiting submissions,
assessors with qualifications, capacities, districts and declared collaborators, then
runs one sweep and prints its time, SQL query count and peak Python memory. It also
renders the queue page of an assessor holding 500 assignments and prints its query count
next to that of one holding 5.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django_setup  # noqa: E402  (beside this file)

PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "microcred_bench_assignment")


def setup_django(engine: str, pg_database: str = PG_DATABASE) -> None:
    # Queued work (the notices to assessors) is only queued here, as in production.
    django_setup.setup_django("assignment", engine, pg_database)


def fill(submissions: int, assessors: int) -> None:
    """40 micro-credentials of one issuer, `assessors` calibrated in four each, and
    `submissions` waiting submissions, earners and assessors spread over 40 districts."""
    from django.contrib.auth.hashers import make_password

    rng = random.Random(7)
    issuer, districts, mcs, versions = _catalog()
    assessor_users, earners = _people(
        rng, districts, assessors, submissions, make_password("bench")
    )
    _pool(rng, issuer, mcs, assessor_users)
    _waiting(rng, earners, mcs, versions, assessor_users)


def _catalog():
    """The issuer, 40 districts and 40 published micro-credentials."""
    from microcred.accounts.models import Organization
    from microcred.catalog.models import MicroCredential, MicroCredentialVersion

    issuer = Organization.objects.create(name="Bench Issuer", slug="bench-issuer", kind="issuer")
    districts = Organization.objects.bulk_create(
        [
            Organization(name=f"District {i}", slug=f"district-{i}", kind="district")
            for i in range(40)
        ]
    )
    mcs = MicroCredential.objects.bulk_create(
        [MicroCredential(issuer=issuer, slug=f"mc-{i}") for i in range(40)]
    )
    versions = MicroCredentialVersion.objects.bulk_create(
        [
            MicroCredentialVersion(
                micro_credential=mc, number=1, title=f"Micro-credential {i}", status="published"
            )
            for i, mc in enumerate(mcs)
        ]
    )
    return issuer, districts, mcs, versions


def _people(rng, districts, assessors: int, submissions: int, password: str):
    """Assessors and earners, each a member of a district drawn at random."""
    from microcred.accounts.models import Membership, Role, User

    people = User.objects.bulk_create(
        [
            User(email=f"assessor{i}@bench.example", name=f"Assessor {i}", password=password)
            for i in range(assessors)
        ]
        + [
            User(email=f"earner{i}@bench.example", name=f"Earner {i}", password=password)
            for i in range(submissions)
        ],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organization=rng.choice(districts), role=Role.EARNER) for u in people],
        batch_size=2000,
    )
    return people[:assessors], people[assessors:]


def _pool(rng, issuer, mcs, assessor_users) -> None:
    """Every assessor in the issuer's pool with a capacity of 10 to 40, calibrated in four
    micro-credentials drawn at random."""
    from microcred.assessment.models import AssessorProfile, PoolMember, Qualification

    profiles = AssessorProfile.objects.bulk_create(
        [AssessorProfile(user=u, capacity=rng.choice([10, 20, 30, 40])) for u in assessor_users],
        batch_size=2000,
    )
    PoolMember.objects.bulk_create(
        [PoolMember(assessor=p, issuer=issuer, capacity=p.capacity) for p in profiles],
        batch_size=2000,
    )
    Qualification.objects.bulk_create(
        [
            Qualification(assessor=p, micro_credential=mc, is_calibrated=True)
            for p in profiles
            for mc in rng.sample(mcs, 4)
        ],
        batch_size=2000,
    )


def _waiting(rng, earners, mcs, versions, assessor_users) -> None:
    """One submitted submission per earner, spread over the micro-credentials."""
    from django.utils import timezone

    from microcred.backpack.models import Enrollment
    from microcred.submissions.models import Collaborator, Submission

    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(
                earner=e, micro_credential=mcs[i % 40], version=versions[i % 40], status="submitted"
            )
            for i, e in enumerate(earners)
        ],
        batch_size=2000,
    )
    now = timezone.now()
    waiting = Submission.objects.bulk_create(
        [
            Submission(
                enrollment=e,
                state="submitted",
                submitted_at=now,
                due_on=now.date(),
                reference=f"MC-B{i:07d}",
            )
            for i, e in enumerate(enrollments)
        ],
        batch_size=2000,
    )
    # Every tenth earner declares a collaborator who is also an assessor.
    Collaborator.objects.bulk_create(
        [
            Collaborator(submission=s, user=rng.choice(assessor_users), name="Colleague")
            for s in waiting[::10]
        ],
        batch_size=2000,
    )


def measure_sweep() -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from microcred.assessment.models import Assignment
    from microcred.assessment.services import assign

    reset_queries()
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        if os.environ.get("BENCH_PROFILE"):
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            made = profiler.runcall(assign.sweep)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            made = assign.sweep()
    if os.environ.get("BENCH_QUERIES"):
        for query in queries.captured_queries:
            print(query["time"], query["sql"][:160])
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "assignments": made,
        "rows": Assignment.objects.count(),
        "seconds": elapsed,
        "queries": len(queries),
        "peak_mb": peak / 1e6,
    }


def measure_queue_pages() -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from microcred.accounts.models import Membership, Role
    from microcred.assessment.models import AssessorProfile, Assignment
    from microcred.submissions.models import Submission

    # Give one assessor 500 assignments and another 5.
    heavy, light = AssessorProfile.objects.order_by("pk")[:2]
    spare = list(Submission.objects.values_list("pk", flat=True)[:500])
    Assignment.objects.filter(assessor__in=[heavy, light]).delete()
    from django.utils import timezone

    now = timezone.now()
    Assignment.objects.bulk_create(
        [
            Assignment(
                submission_id=pk,
                assessor=heavy,
                label="Z",
                respond_by=now,
                due_on=now.date(),
                status="accepted",
            )
            for pk in spare
        ],
        ignore_conflicts=True,
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                submission_id=pk,
                assessor=light,
                label="Y",
                respond_by=now,
                due_on=now.date(),
                status="accepted",
            )
            for pk in spare[-5:]
        ],
        ignore_conflicts=True,
    )
    counts = {}
    for name, profile in (("5", light), ("500", heavy)):
        Membership.objects.get_or_create(
            user=profile.user,
            organization_id=Membership.objects.first().organization_id,
            role=Role.ASSESSOR,
        )
        client = Client()
        client.force_login(profile.user)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/assessor/")
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        counts[name] = (
            len(queries),
            elapsed * 1000,
            Assignment.objects.filter(assessor=profile, status="accepted").count(),
        )
    return counts


def run(engine: str, submissions: int, assessors: int, pg_database: str) -> None:
    setup_django(engine, pg_database)
    started = time.perf_counter()
    fill(submissions, assessors)
    filled = time.perf_counter() - started
    print(
        f"[{engine}] filled {submissions:,} waiting submissions and {assessors:,} assessors "
        f"in {filled:.1f} s"
    )
    result = measure_sweep()
    print(
        f"[{engine}] one sweep: {result['assignments']:,} assignments "
        f"in {result['seconds']:.2f} s, "
        f"{result['queries']} SQL queries, peak Python memory {result['peak_mb']:.0f} MB"
    )
    for queries, ms, held in measure_queue_pages().values():
        print(
            f"[{engine}] queue page of an assessor holding {held}: "
            f"{queries} SQL queries, {ms:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--assessors", type=int, default=1_000)
    parser.add_argument(
        "--pg-database",
        default=PG_DATABASE,
        help="PostgreSQL database to drop, create and fill (default: %(default)s)",
    )
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    if len(engines) == 1:
        run(engines[0], args.submissions, args.assessors, args.pg_database)
        return
    # Django is configured once per process: run each engine in its own.
    import subprocess

    for engine in engines:
        subprocess.run(  # noqa: S603 — this script, with its own arguments
            [
                sys.executable,
                __file__,
                "--engine",
                engine,
                "--submissions",
                str(args.submissions),
                "--assessors",
                str(args.assessors),
                "--pg-database",
                args.pg_database,
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
