"""Benchmark: making and verifying learner records (CLR 2.0) of 1, 10, 50 and 100 credentials.

    .venv/bin/python bench/learner_record.py [--engine sqlite|postgres|both] [--sizes 1,10,50,100]

One earner holds 100 signed credentials of the typical shape bench/signing.py uses (12 KB
each). For each record size it prints the record's size, the time to make it (choose the
awards, build the ClrCredential, canonicalize it in full, sign it with eddsa-rdfc-2022 and
as a VC-JWT), and the time to verify it as the verifier page and the VC API do (the
record's proof, then every credential inside on its own: schema, key, proof, status,
dates); the median of three runs each, in one process on one core, with the cache of
remembered verifications emptied before each run, so every proof is checked; then the JSON
once more with the cache as the first run left it (a second view). Then the process's
peak memory.

It fills databases of its own (bench/learner_record.sqlite3, or the PostgreSQL database
microcred_bench_record, or BENCH_PG_NAME, at BENCH_POSTGRES, default
postgres://postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import signing as base  # noqa: E402 — the shared set-up of bench/signing.py

base.NAME = "learner_record"
base.PG_NAME = os.environ.get("BENCH_PG_NAME", "microcred_bench_record")
SIZES = (1, 10, 50, 100)
RUNS = 3


def median_seconds(action) -> tuple[float, object]:
    times, value = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), value


def run(engine: str, sizes=SIZES) -> None:
    base.setup_django(engine, fresh=True)
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    from microcred.credentials.issuing import learner_record
    from microcred.credentials.verification import verify

    print(f"=== {engine} ({connection.vendor}), load average {os.getloadavg()[0]:.1f} ===")
    # The record's own cap is lifted, so that records past it are measured too.
    settings.CREDENTIALS_MAX_PER_PRESENTATION = max(sizes)
    earner, ids = base.earner_with_awards(max(sizes))
    print(
        f"  {'credentials':>11} {'JSON KB':>8} {'make (sign)':>12} {'verify JSON':>12} "
        f"{'verify JWT':>11} {'JSON again':>11}"
    )

    def fresh(action):
        cache.clear()
        return action()

    for size in sizes:
        chosen = ids[:size]
        made, record = median_seconds(
            lambda chosen=chosen: learner_record.learner_record(earner, by=earner, chosen=chosen)
        )
        checked, result = median_seconds(
            lambda record=record: fresh(lambda: verify.verify_text(record.json))
        )
        checked_jwt, result_jwt = median_seconds(
            lambda record=record: fresh(lambda: verify.verify_text(record.jwt))
        )
        verify.verify_text(record.json)
        again, result_again = median_seconds(lambda record=record: verify.verify_text(record.json))
        assert result_again.verified, result_again.errors
        assert result.verified, result.errors
        assert result_jwt.verified, result_jwt.errors
        assert len(result.credentials) == size
        print(
            f"  {size:>11} {len(record.json) / 1024:>8,.0f} {made * 1000:>9,.0f} ms "
            f"{checked * 1000:>9,.0f} ms {checked_jwt * 1000:>8,.0f} ms {again * 1000:>8,.0f} ms"
        )
    print(f"  peak memory of this process: {base.peak_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args()
    sizes = tuple(int(size) for size in args.sizes.split(","))
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    for engine in engines:
        if len(engines) > 1:
            subprocess.run(
                [sys.executable, __file__, "--engine", engine, "--sizes", args.sizes], check=True
            )
        else:
            run(engine, sizes)


if __name__ == "__main__":
    main()
