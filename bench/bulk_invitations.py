"""Benchmark: a district invites its teachers from one CSV file of 10,000 rows.

    .venv/bin/python bench/bulk_invitations.py [--engine sqlite|postgres] [--rows 10000]
                                              [--pg-database NAME]

Fills a database of its own (bench/bulk_invitations.sqlite3, or a PostgreSQL database it
drops and creates: --pg-database, or BENCH_PG_DATABASE, default
microcred_bench_invitations) with one district and its admin, then runs the pages' work on
a generated file: reading and storing it, the dry run, and sending (invitations, audit
rows and the mails, through the locmem mail backend and the immediate task backend, as a
worker would send them). Prints time, peak memory (the process's resident set and
Python's own allocations, from a second run under tracemalloc), SQL queries in all and per
batch, and checks its results: every row invited, audited and mailed once, and the same
queries for every batch.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django_setup  # noqa: E402  (beside this file)

TIME_BUDGET_S = 30
MEMORY_BUDGET_MB = 256


def setup_django(engine: str, pg_database: str) -> None:
    # Mails are sent at once, to the locmem backend, so the bench counts them.
    django_setup.setup_django("bulk_invitations", engine, pg_database, TASKS_BACKEND="immediate")


def district_with_admin(n: int):
    from microcred.accounts.models import Membership, Organization, Role, User

    district = Organization.objects.create(
        name=f"Bench District {n}", slug=f"bench-district-{n}", kind=Organization.Kind.DISTRICT
    )
    admin = User.objects.create(email=f"admin{n}@bench.invalid", name=f"Admin {n}")
    Membership.objects.create(user=admin, organization=district, role=Role.ORG_ADMIN)
    return district, admin


def csv_file(rows: int, tag: str) -> bytes:
    roles = ("educator", "Educator", "EDUCATOR", "facilitator")
    lines = ["e-mail,name,role"]
    lines += [
        f"teacher{n}.{tag}@bench.invalid,Teacher {n},{roles[n % len(roles)]}" for n in range(rows)
    ]
    return ("\ufeff" + "\n".join(lines) + "\n").encode()


def run_list(district, admin, data: bytes):
    """The three steps the pages take; returns the queries of each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from microcred.people import services

    timings = {}
    with CaptureQueriesContext(connection) as read:
        started = time.perf_counter()
        record = services.check_list(district, by=admin, data=data, filename="teachers.csv")
        timings["read and store"] = time.perf_counter() - started
    with CaptureQueriesContext(connection) as dry:
        started = time.perf_counter()
        report = services.list_report(record, by=admin)
        timings["dry run"] = time.perf_counter() - started
    with CaptureQueriesContext(connection) as sent:
        started = time.perf_counter()
        rows = services.send_list(record, by=admin)
        timings["send"] = time.perf_counter() - started
    assert all(row.is_good for row in report), "the dry run found problems in a clean file"
    assert all(row.is_good for row in rows), "rows were skipped"
    return timings, {"read and store": len(read), "dry run": len(dry), "send": len(sent)}


def run(engine: str, rows: int, pg_database: str) -> None:
    setup_django(engine, pg_database)
    from django.core import mail

    from microcred.accounts.models import Invitation, MembershipChange
    from microcred.accounts.services import BULK_BATCH

    mail.outbox = []
    district, admin = district_with_admin(1)
    timings, queries = run_list(district, admin, csv_file(rows, "a"))
    total = sum(timings.values())

    invitations = Invitation.objects.filter(organization=district)
    assert invitations.count() == rows, invitations.count()
    assert invitations.filter(sent_at__isnull=True).count() == 0, (
        invitations.filter(sent_at__isnull=True).count(),
        len(mail.outbox),
    )
    assert MembershipChange.objects.filter(organization=district, action="invited").count() == rows
    assert len(mail.outbox) == rows, len(mail.outbox)
    assert len({m.to[0] for m in mail.outbox}) == rows

    # Queries per batch: one batch and two batches of a fresh district give the cost of a
    # batch and of what is paid once; the full run must cost exactly that.
    one = run_list(*district_with_admin(2), csv_file(BULK_BATCH, "b"))[1]
    two = run_list(*district_with_admin(3), csv_file(2 * BULK_BATCH, "c"))[1]
    batches = -(-rows // BULK_BATCH)
    per_batch = {step: two[step] - one[step] for step in ("dry run", "send")}
    for step, cost in per_batch.items():
        once = one[step] - cost
        expected = once + batches * cost
        assert queries[step] == expected, (step, queries[step], expected)

    mail.outbox = []
    tracemalloc.start()
    run_list(*district_with_admin(4), csv_file(rows, "d"))
    _current, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux

    print(f"[{engine}] {rows:,} rows in {batches} batches of {BULK_BATCH}")
    for step, seconds in timings.items():
        print(f"[{engine}]   {step}: {seconds:.2f} s, {queries[step]} SQL queries")
    print(
        f"[{engine}] total {total:.2f} s; queries per batch: dry run {per_batch['dry run']}, "
        f"send {per_batch['send']} (invitations, audit rows and mails)"
    )
    print(
        f"[{engine}] peak memory: process {rss_mb:.0f} MB resident, "
        f"Python allocations {python_peak / 2**20:.0f} MB"
    )
    print(
        f"[{engine}] checked: {rows:,} invitations, {rows:,} audit rows, {rows:,} mails; "
        f"the same queries for every batch"
    )
    assert total < TIME_BUDGET_S, f"over the {TIME_BUDGET_S} s budget"
    assert rss_mb < MEMORY_BUDGET_MB, f"over the {MEMORY_BUDGET_MB} MB budget"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--pg-database",
        default=os.environ.get("BENCH_PG_DATABASE", "microcred_bench_invitations"),
    )
    args = parser.parse_args()
    run(args.engine, args.rows, args.pg_database)


if __name__ == "__main__":
    main()
