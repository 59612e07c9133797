"""Benchmark: the reliability figures of one busy micro-credential.

    .venv/bin/python bench/reliability.py [--engine sqlite|postgres] [--submissions 5000]
                                          [--assessors 60] [--pg-database NAME]

Fills a database of its own (bench/reliability.sqlite3, or a PostgreSQL database it drops
and creates: --pg-database, or BENCH_PG_DATABASE, default microcred_bench_reliability)
with one micro-credential of four criteria, decided submissions with two reviews each
(a tenth of them with a tie-break), and anchors scored live, then computes the report
behind the reliability page and renders the page, printing time, SQL query count and
peak Python memory for each.
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


def setup_django(engine: str, pg_database: str) -> None:
    django_setup.setup_django("reliability", engine, pg_database)


def fill(submissions: int, assessors: int):
    """A micro-credential of four criteria, its pool, `submissions` decided submissions
    reviewed by it and ten anchors; returns it, its issuer's admin and the reviews made."""
    from django.contrib.auth.hashers import make_password

    from microcred.assessment.tests.factories import anchor

    password = make_password("bench")
    mc, version, admin = _micro_credential(password)
    profiles = _pool(mc, assessors, password)
    subs = _submissions(mc, version, submissions, password)
    assignments, verdicts = _reviewed(subs, profiles, _criteria(version), random.Random(7))
    _decided(assignments, verdicts)
    for _ in range(10):
        anchor(mc, by=admin)
    return mc, admin, len(assignments)


def _micro_credential(password: str):
    """A published micro-credential of one requirement and four criteria, and the admin of
    its issuer."""
    from microcred.accounts.models import Membership, Role, User
    from microcred.accounts.tests.factories import OrganizationFactory
    from microcred.catalog.models import Requirement, RubricCriterion
    from microcred.catalog.tests.factories import published_version

    issuer = OrganizationFactory(kind="issuer", name="Bench Issuer")
    admin = User.objects.create(email="admin@bench.invalid", name="Admin", password=password)
    Membership.objects.create(user=admin, organization=issuer, role=Role.ISSUER_ADMIN)
    staff = User.objects.create(email="staff@bench.invalid", is_staff=True, password=password)
    version = published_version(staff, micro_credential__issuer=issuer, fee=0)
    requirement = Requirement.objects.get(version=version)
    RubricCriterion.objects.bulk_create(
        [
            RubricCriterion(
                requirement=requirement, position=n, name=f"Criterion {n}", met_description="Shown."
            )
            for n in range(2, 5)
        ]
    )
    return version.micro_credential, version, admin


def _criteria(version) -> list[int]:
    from microcred.catalog.models import RubricCriterion

    return list(
        RubricCriterion.objects.filter(requirement__version=version).values_list("pk", flat=True)
    )


def _pool(mc, assessors: int, password: str) -> list:
    """`assessors` calibrated members of the issuer's pool."""
    from microcred.accounts.models import User
    from microcred.assessment.models import AssessorProfile, PoolMember, Qualification

    users = User.objects.bulk_create(
        [
            User(email=f"a{i}@bench.invalid", name=f"Assessor {i}", password=password)
            for i in range(assessors)
        ]
    )
    profiles = AssessorProfile.objects.bulk_create([AssessorProfile(user=u) for u in users])
    PoolMember.objects.bulk_create([PoolMember(assessor=p, issuer=mc.issuer) for p in profiles])
    Qualification.objects.bulk_create(
        [Qualification(assessor=p, micro_credential=mc, is_calibrated=True) for p in profiles]
    )
    return profiles


def _submissions(mc, version, count: int, password: str) -> list:
    """One Met submission each of `count` earners."""
    from django.utils import timezone

    from microcred.accounts.models import User
    from microcred.backpack.models import Enrollment
    from microcred.submissions.models import Submission

    earners = User.objects.bulk_create(
        [
            User(email=f"e{i}@bench.invalid", name=f"Earner {i}", password=password)
            for i in range(count)
        ],
        batch_size=2000,
    )
    enrollments = Enrollment.objects.bulk_create(
        [Enrollment(earner=e, micro_credential=mc, version=version) for e in earners],
        batch_size=2000,
    )
    now = timezone.now()
    return Submission.objects.bulk_create(
        [Submission(enrollment=e, state="met", submitted_at=now) for e in enrollments],
        batch_size=2000,
    )


def _reviewed(subs, profiles, criteria: list[int], rng: random.Random):
    """Two reviews of each submission, each criterion right nine times in ten against a
    truth that is Met seven times in ten, and a tie-break by a third assessor when they
    disagree. Returns the assignments and each one's verdicts."""
    from django.utils import timezone

    from microcred.assessment.models import Assignment, CriterionScore, Review

    now = timezone.now()
    rows, verdicts = [], []
    for s in subs:
        a, b, c = rng.sample(profiles, 3)
        truth = [rng.random() < 0.7 for _ in criteria]
        first = [t if rng.random() < 0.9 else not t for t in truth]
        second = [t if rng.random() < 0.9 else not t for t in truth]
        pairs = [(a, "A", "review", first), (b, "B", "review", second)]
        if first != second:
            pairs.append((c, "C", "tie_break", truth))
        for profile, label, purpose, scores in pairs:
            rows.append(
                Assignment(
                    submission=s,
                    assessor=profile,
                    label=label,
                    purpose=purpose,
                    status="completed",
                    respond_by=now,
                    due_on=now.date(),
                    closed_at=now,
                )
            )
            verdicts.append(scores)
    assignments = Assignment.objects.bulk_create(rows, batch_size=2000)
    reviews = Review.objects.bulk_create(
        [Review(assignment=a, overall_comment="Read.") for a in assignments], batch_size=2000
    )
    CriterionScore.objects.bulk_create(
        [
            CriterionScore(review=r, criterion_id=c, met=m, feedback="" if m else "Missing.")
            for r, scores in zip(reviews, verdicts, strict=True)
            for c, m in zip(criteria, scores, strict=True)
        ],
        batch_size=5000,
    )
    return assignments, verdicts


def _decided(assignments, verdicts) -> None:
    """The decision of each submission: the tie-break's verdict, else the reviewers'."""
    from microcred.assessment.models import Decision

    decided = {}
    for a, scores in zip(assignments, verdicts, strict=True):
        if a.purpose == "tie_break" or a.submission_id not in decided:
            decided[a.submission_id] = (all(scores), a.purpose == "tie_break")
    Decision.objects.bulk_create(
        [
            Decision(submission_id=s, outcome="met" if met else "not_met", by_tie_break=tb)
            for s, (met, tb) in decided.items()
        ],
        batch_size=2000,
    )


def measure(label: str, engine: str, work) -> None:
    """Time and queries from one run; peak memory from a second (tracing slows Python)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        work()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"[{engine}] {label}: {seconds:.2f} s, {len(queries)} SQL queries, "
        f"peak Python memory {peak / 2**20:.0f} MB"
    )


def run(engine: str, submissions: int, assessors: int, pg_database: str) -> None:
    setup_django(engine, pg_database)
    started = time.perf_counter()
    mc, admin, reviews = fill(submissions, assessors)
    print(
        f"[{engine}] filled {submissions:,} decided submissions, {reviews:,} reviews by "
        f"{assessors} assessors in {time.perf_counter() - started:.1f} s"
    )
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    from microcred.assessment import reliability
    from microcred.assessment.views import reliability as views

    measure("reliability report", engine, lambda: reliability.report(mc))

    def request(path):
        # The view itself, without the middleware: what the page costs, not the session.
        made = RequestFactory().get(path)
        made.user = admin
        made.session = {}
        made._messages = FallbackStorage(made)
        return made

    def page():
        response = views.reliability_detail(request("/"), mc_pk=mc.pk)
        assert response.status_code == 200, response.status_code  # noqa: S101

    measure("reliability page", engine, page)
    measure("CSV export", engine, lambda: views.reliability_export(request("/"), mc_pk=mc.pk))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--submissions", type=int, default=5_000)
    parser.add_argument("--assessors", type=int, default=60)
    parser.add_argument(
        "--pg-database",
        default=os.environ.get("BENCH_PG_DATABASE", "microcred_bench_reliability"),
    )
    args = parser.parse_args()
    run(args.engine, args.submissions, args.assessors, args.pg_database)


if __name__ == "__main__":
    main()
