"""Benchmark: a cohort's bulk issue while task workers are killed with SIGKILL.

    .venv/bin/python bench/worker_kills.py [--awards 300] [--kills 20] [--workers 4]
                                           [--pause-min 0 --pause-max 1]
                                           [--busy-wait 120] [--kill-delay-max 0.2]
                                           [--signing-batch N]
                                           [--recover-every 30] [--seed N]
                                           [--pg-database NAME]

Makes a PostgreSQL database of its own (--pg-database, or BENCH_PG_DATABASE, default
microcred_bench_worker_kills; dropped and created), a cohort of --awards earners decided
Met, and runs it as production does: --workers `manage.py run_worker` processes and one
`manage.py run_periodic` (production's default recovery round of 30 s unless told), the
cohort's bulk issue queued as the issuer's page queues it. It then SIGKILLs a worker
--kills times, and starts a new worker after each (as systemd or Kubernetes would).
Nothing else helps. Before each kill but the first it pauses (--pause-min..--pause-max
s), then waits up to --busy-wait s, while awards remain unsigned, for a worker to take a
task, and kills it 0 to --kill-delay-max s later: at a random point of making awards,
claiming, signing or storing. With the default signing batch (500) one signer holds the
whole cohort, so each such kill stalls the issue until recovery (about 30 s): the run
takes minutes.

Prints the time from the last kill that found awards unsigned to the last signature, and
checks its own results: every kill landed while awards were unsigned, every award
signed, none signed twice (a trigger on the award table counts every write of a
signature), the bulk issue marked done. Goal: every award signed within 120 s of the
last kill. Exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django_setup  # noqa: E402  (beside this file)

GOAL_SECONDS = 120


def setup_django(pg_database: str) -> str:
    django_setup.setup_django("worker_kills", "postgres", pg_database)
    return os.environ["DATABASE_URL"]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--awards", type=int, default=300)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--pause-min", type=float, default=0.0)
    parser.add_argument("--pause-max", type=float, default=1.0)
    parser.add_argument("--busy-wait", type=float, default=120.0)
    parser.add_argument("--kill-delay-max", type=float, default=0.2)
    parser.add_argument("--recover-every", type=int, default=30)
    parser.add_argument("--signing-batch", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--pg-database",
        default=os.environ.get("BENCH_PG_DATABASE", "microcred_bench_worker_kills"),
    )
    args = parser.parse_args()
    url = setup_django(args.pg_database)

    from microcred.credentials.models import Award, BulkIssue
    from microcred.credentials.tests import worker_kills
    from microcred.credentials.verification import verify

    cohort, admin = worker_kills.fill_cohort(args.awards)
    worker_kills.count_signatures()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as logs:
        outcome = worker_kills.run(
            cohort,
            admin,
            database_url=url,
            workers=args.workers,
            kills=args.kills,
            pause=(args.pause_min, args.pause_max),
            busy_wait=args.busy_wait,
            kill_delay=(0.0, args.kill_delay_max),
            deadline=600,
            recover_every=args.recover_every,
            signing_batch=args.signing_batch,
            seed=args.seed,
            log_dir=Path(logs),
        )
    for line in outcome.log:
        print(line)
    awards = Award.objects.filter(submission__enrollment__cohort=cohort)
    sample = list(awards.exclude(credential_json="").order_by("?")[:20])
    verified = sum(verify.verify_text(a.credential_json).verified for a in sample)
    bulk = BulkIssue.objects.get(cohort=cohort)
    print(
        f"{args.awards} awards, {args.workers} workers, {outcome.kills} kills "
        f"({outcome.busy_kills} of a busy worker, {outcome.kills_during} while awards were "
        f"unsigned), load average {load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end"
    )
    print(f"awards made: {outcome.awards}, unsigned: {outcome.unsigned}")
    print(f"signed more than once: {outcome.signed_twice}")
    print(
        "last kill while awards were unsigned to the last signature: "
        f"{outcome.seconds_after_last_kill:.1f} s"
    )
    print(f"whole run: {outcome.total_seconds:.1f} s; bulk issue: {bulk.status}")
    print(f"sample verified: {verified} of {len(sample)}")
    checks = {
        "every kill while awards were unsigned": outcome.kills_during == args.kills,
        "every award made": outcome.awards == args.awards,
        "every award signed": outcome.unsigned == 0,
        "none signed twice": outcome.signed_twice == 0,
        f"within {GOAL_SECONDS} s of the last kill": (
            outcome.seconds_after_last_kill is not None
            and outcome.seconds_after_last_kill <= GOAL_SECONDS
        ),
        "bulk issue done": bulk.status == BulkIssue.Status.DONE,
        "sample verifies": verified == len(sample),
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
