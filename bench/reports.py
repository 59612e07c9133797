"""Benchmark: credit certificates, transcripts and a state's overview of its educators.

    .venv/bin/python bench/reports.py [--engine sqlite|postgres|both] [--educators 5000]

Fills a database of its own (bench/reports.sqlite3, or the PostgreSQL database
microcred_bench_reports at BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432)
with one issuer, five micro-credentials in three credit units, a state agency with two
districts, N educators with five awards each over five years, and one veteran educator
with 200 awards; then, in this process on one core, measures:

- certificates rendered per second (one-page PDF, embedded fonts, QR code);
- one educator's transcript for five years: read, PDF and CSV, for 5 and for 200 awards;
- the state's overview of all N educators by district for five years: the read (with its
  number of SQL queries, which must not grow with N) and the CSV;
- the peak memory of the process.

Targets: a certificate in ≤ 50 ms; a 200-award transcript PDF in ≤ 1 s; the overview of
5,000 educators (25,000 awards) in ≤ 5 s and ≤ 256 MB, in a fixed number of queries.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django_setup  # noqa: E402  (beside this file)

PG_NAME = "microcred_bench_reports"
START, END = date(2021, 9, 1), date(2026, 8, 31)


def setup_django(engine: str) -> None:
    django_setup.setup_django("reports", engine, PG_NAME)


CREDITS = [
    ("0.5", "state recertification credit", "Prairie State Department of Education"),
    ("1", "CPD credit", "Prairie State Department of Education"),
    ("10", "clock hours", "Prairie State Department of Education"),
    ("1", "graduate credit", "Lakeview College of Education, Graduate Studies"),
    ("0.5", "state recertification credit", "Prairie State Department of Education"),
]


def fill(educators: int):
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from microcred.accounts.models import Membership, Organization, Role, User
    from microcred.catalog.models import MicroCredential, MicroCredentialVersion, VersionStatus
    from microcred.credentials.models import Award, AwardKind

    issuer = Organization.objects.create(name="Lakeview College", slug="lakeview", kind="issuer")
    state = Organization.objects.create(name="Prairie State", slug="prairie", kind="state")
    districts = [
        Organization.objects.create(
            name=f"District {n}", slug=f"d{n}", kind="district", parent=state
        )  # fmt: skip
        for n in range(2)
    ]
    versions = []
    for n, (amount, unit, authority) in enumerate(CREDITS):
        mc = MicroCredential.objects.create(issuer=issuer, slug=f"mc-{n}")
        versions.append(
            MicroCredentialVersion.objects.create(
                micro_credential=mc,
                number=1,
                status=VersionStatus.PUBLISHED,
                title=f"Micro-credential {n}: Leading Restorative Circles",
                credit_amount=Decimal(amount),
                credit_unit=unit,
                credit_authority=authority,
            )  # fmt: skip
        )
    password = make_password("bench")
    zone = timezone.get_current_timezone()
    span = (END - START).days

    def awards_for(user, count):
        return [
            Award(
                kind=AwardKind.MICRO_CREDENTIAL,
                earner=user,
                issuer=issuer,
                version=versions[i % len(versions)],
                awarded_at=datetime.combine(
                    START + timedelta(days=(i * 37 + user.pk) % span),
                    datetime.min.time(),
                    tzinfo=zone,
                ),
            )  # fmt: skip
            for i in range(count)
        ]

    for start in range(0, educators, 2000):
        users = User.objects.bulk_create(
            [
                User(
                    email=f"t{n}@district.example.org",
                    name=f"Teacher Ångström {n}",
                    password=password,
                    school="Riverbend Middle School",
                )  # fmt: skip
                for n in range(start, min(educators, start + 2000))
            ]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, organization=districts[u.pk % 2], role=Role.EARNER) for u in users]
        )
        Award.objects.bulk_create([a for u in users for a in awards_for(u, 5)], batch_size=2000)
    veteran = User.objects.create(email="veteran@district.example.org", name="Zoë Núñez",
                                  password=password)  # fmt: skip
    Membership.objects.create(user=veteran, organization=districts[0], role=Role.EARNER)
    Award.objects.bulk_create(awards_for(veteran, 200))
    return state, veteran


def timed(label: str, work, *, repeat: int = 1, unit: str = "ms"):
    started = time.perf_counter()
    for _ in range(repeat):
        result = work()
    seconds = (time.perf_counter() - started) / repeat
    if unit == "/s":
        print(f"  {label:<62} {1 / seconds:>9,.0f} /s")
    else:
        print(f"  {label:<62} {seconds * 1000:>9,.1f} ms")
    return result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(engine: str, educators: int) -> None:
    setup_django(engine)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from microcred.credentials.models import Award
    from microcred.reports import certificate, selectors, transcript_files

    started = time.perf_counter()
    state, veteran = fill(educators)
    print(
        f"=== {engine} ({connection.vendor}), load average {os.getloadavg()[0]:.1f}: "
        f"{educators:,} educators, {Award.objects.count():,} awards "
        f"(filled in {time.perf_counter() - started:.1f} s) ==="
    )
    awards = list(
        Award.objects.select_related("earner", "issuer", "version", "stack").order_by("pk")[:100]
    )
    certificate.render(awards[0])  # fonts registered once per process
    it = iter(awards * 10)
    timed("certificates rendered (one-page PDF, fonts, QR code)",
          lambda: certificate.render(next(it)), repeat=100, unit="/s")  # fmt: skip
    one = awards[0].earner
    small = timed("transcript read, 5 awards", lambda: selectors.transcript(one, START, END),
                  repeat=20)  # fmt: skip
    timed("transcript PDF, 5 awards", lambda: transcript_files.pdf(small), repeat=20)
    big = timed("transcript read, 200 awards",
                lambda: selectors.transcript(veteran, START, END), repeat=5)  # fmt: skip
    timed("transcript PDF, 200 awards (5 pages)", lambda: transcript_files.pdf(big), repeat=5)
    timed("transcript CSV, 200 awards", lambda: transcript_files.csv_text(big), repeat=5)
    with CaptureQueriesContext(connection) as queries:
        overview = timed(f"state overview read, {educators + 1:,} educators by district",
                         lambda: selectors.overview(state, START, END))  # fmt: skip
    print(f"  {'  SQL queries for the overview read':<62} {len(queries):>9}")
    timed("state overview CSV", lambda: transcript_files.overview_csv_text(overview))
    print(f"  {'peak memory of this process':<62} {peak_mb():>9,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--educators", type=int, default=5000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine == "both":
        # One process per engine: Django is set up once per process.
        for engine in ("sqlite", "postgres"):
            subprocess.run(  # noqa: S603 (this script, our arguments)
                [sys.executable, __file__, "--engine", engine, "--educators",
                 str(args.educators)], check=True,
            )  # fmt: skip
        return
    run(args.engine, args.educators)


if __name__ == "__main__":
    main()
