"""Benchmark: signing and verifying Open Badges 3.0 credentials, and issuing 50,000 awards.

    .venv/bin/python bench/signing.py [--engine sqlite|postgres|both] [--awards 50000]

Part one, in this process on one core, with a typical credential of the platform (a
micro-credential of three requirements and nine rubric criteria, alignments, credit, a
badge image and a status entry): credentials signed per second with eddsa-rdfc-2022 by the
full JSON-LD path and by the batch path (each shape's expansion reused), credentials
verified per second (always the full path), VC-JWT (ES256) signed and verified per second,
and raw Ed25519 + SHA-256 over the same canonical bytes for reference.

Part two, end to end: a cohort with N Met submissions (decisions made), then the award
rows made from the decisions and every credential signed and stored, by 1 and then 2
worker processes; prints the wall time and the peak memory of the largest process.

It fills databases of its own (bench/signing.sqlite3, or the PostgreSQL database
microcred_bench_signing at BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django_setup  # noqa: E402  (beside this file)

PG_NAME = "microcred_bench_signing"
NAME = "signing"


def setup_django(engine: str, *, fresh: bool) -> None:
    # Signing is queued, as in production; the bench signs.
    django_setup.setup_django(NAME, engine, PG_NAME, fresh=fresh)


# -- The data ----------------------------------------------------------------------------


def micro_credential():
    """A published micro-credential shaped like the demo's."""
    from django.core.files.base import ContentFile

    from microcred.accounts.models import Organization
    from microcred.catalog.models import (
        Alignment,
        MicroCredential,
        MicroCredentialVersion,
        Requirement,
        RubricCriterion,
        Topic,
        VersionStatus,
    )

    issuer = Organization.objects.create(
        name="Lakeview College of Education",
        slug="lakeview",
        kind="issuer",
        website="https://education.lakeview.example.edu",
        email="microcredentials@lakeview.example.edu",
        description="The college of education of a public university.",
    )
    mc = MicroCredential.objects.create(issuer=issuer, slug="restorative-circles")
    version = MicroCredentialVersion.objects.create(
        micro_credential=mc,
        number=1,
        status=VersionStatus.PUBLISHED,
        title="Leading Restorative Circles",
        summary="Run a restorative circle after harm, and follow it up.",
        competency="The educator facilitates a restorative circle that repairs harm, "
        "with every participant heard and an agreement the group keeps.",
        key_method="Prepare, open, hold and close a circle; follow the agreement up.",
        research="Restorative practices reduce repeat incidents and exclusions.",
        fee=Decimal("25"),
        credit_amount=Decimal("1.5"),
        credit_unit="CPD credits",
        credit_authority="State Board of Education",
        estimated_hours=Decimal("15"),
        published_at=None,
    )
    version.image.save("circles.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"0" * 64), save=True)
    mc.current_version = version
    mc.save()
    for r in range(3):
        requirement = Requirement.objects.create(
            version=version,
            position=r,
            title=["Circle plan", "Recording of the circle", "Reflection"][r],
            instructions="Upload the plan with the prompts, the roles and the agreement "
            "you hoped for; say how you prepared each participant.",
            evidence_types=["file", "text"],
        )
        for c in range(3):
            RubricCriterion.objects.create(
                requirement=requirement,
                position=c,
                name=f"Criterion {r}.{c}: every voice",
                met_description="Each participant speaks at least once without being "
                "interrupted, and the facilitator names the harm without blame.",
            )
    for n, (framework, code) in enumerate(
        [("CASEL SEL Framework", "RS.2"), ("ISTE Standards for Educators", "2.3.b")]
    ):
        Alignment.objects.create(
            version=version,
            position=n,
            framework=framework,
            code=code,
            name="Relationship skills",
            url="https://casel.org/fundamentals-of-sel/",
        )
    topic = Topic.objects.create(name="Social-emotional learning", slug="sel")
    version.topics.add(topic)
    return version


def cohort_of_met_submissions(version, count: int):
    """A cohort whose `count` earners each have a Met decision (rows written directly)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from microcred.accounts.models import User
    from microcred.assessment.models import Decision, Outcome
    from microcred.backpack.models import Enrollment
    from microcred.catalog.models import Cohort
    from microcred.submissions.models import Submission, new_reference

    today = date(2026, 9, 1)
    cohort = Cohort.objects.create(
        micro_credential=version.micro_credential,
        name="Fall 2026, statewide",
        starts_on=today,
        ends_on=today + timedelta(days=90),
        enrollment_opens_on=today - timedelta(days=30),
        enrollment_closes_on=today,
        capacity=count,
    )
    password = make_password("bench")
    now = timezone.now()
    for start in range(0, count, 5000):
        size = min(5000, count - start)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"teacher{n}@district.example.org", name=f"Teacher {n}", password=password
                )
                for n in range(start, start + size)
            ]
        )
        enrollments = Enrollment.objects.bulk_create(
            [
                Enrollment(
                    earner=u,
                    micro_credential=version.micro_credential,
                    version=version,
                    cohort=cohort,
                    status="earned",
                    earned_at=now,
                )
                for u in users
            ]
        )
        submissions = Submission.objects.bulk_create(
            [
                Submission(
                    enrollment=e,
                    state="met",
                    reference=new_reference(),
                    submitted_at=now,
                    decided_at=now,
                )
                for e in enrollments
            ]
        )
        Decision.objects.bulk_create(
            [Decision(submission=s, outcome=Outcome.MET) for s in submissions]
        )
    return cohort


# -- Part one: per core -------------------------------------------------------------------


def rate(label: str, runs: int, action) -> float:
    action()
    started = time.perf_counter()
    for _ in range(runs):
        action()
    per_second = runs / (time.perf_counter() - started)
    print(f"  {label:<58} {per_second:>9,.0f} /s")
    return per_second


def per_core(version) -> None:
    from django.utils import timezone

    from microcred.accounts.models import User
    from microcred.backpack.models import Enrollment
    from microcred.credentials.formats import canonical, data_integrity, vc_jwt
    from microcred.credentials.issuing import batch_signing, issuer_keys, keys, status_entries
    from microcred.credentials.issuing.signing import Signer
    from microcred.credentials.models import Award, AwardKind, KeyType
    from microcred.credentials.verification import resolver
    from microcred.credentials.verification import verify as verifier

    earner = User.objects.create(email="erin@district.example.org", name="Erin Earner")
    Enrollment.objects.create(
        earner=earner, micro_credential=version.micro_credential, version=version
    )
    ((status, index),) = status_entries.allocate(version.micro_credential.issuer)
    award = Award.objects.create(
        kind=AwardKind.MICRO_CREDENTIAL,
        earner=earner,
        issuer=version.micro_credential.issuer,
        version=version,
        awarded_at=timezone.now(),
        status_list=status,
        status_index=index,
    )
    award = batch_signing.awards_for_signing().get(pk=award.pk)
    full, batch = Signer(fast=False), Signer()
    full.sign(award)
    document = json.loads(award.credential_json)
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    text = canonical.canonize(unsigned)
    assert batch.check_sample(award), "the batch path differs from the full path"
    print(
        f"A typical credential: {len(award.credential_json):,} bytes of JSON, "
        f"{text.count(chr(10))} quads after canonicalization"
    )
    print("Per core (one process, one thread):")
    rate("sign, eddsa-rdfc-2022, full JSON-LD path", 100, lambda: full.sign(award))
    rate("sign, eddsa-rdfc-2022, batch path (shape reused)", 2000, lambda: batch.sign(award))
    assert batch.stats["full"] == 0

    _k, private, method = full.key(award.issuer, KeyType.ED25519)
    public = resolver.public_key(resolver.verification_method(method))
    proof = document["proof"][0]
    rate(
        "verify the Data Integrity proof (full path)",
        100,
        lambda: data_integrity.verify(document, proof, public),
    )
    rate(
        "verify everything (schema, key, proof, status, dates)",
        50,
        lambda: verifier.verify_credential(document),
    )
    _j, jwt_private, jwt_method = full.key(award.issuer, KeyType.P256)
    token = vc_jwt.encode(document, jwt_private, kid=jwt_method)
    rate("VC-JWT sign, ES256", 2000, lambda: vc_jwt.encode(document, jwt_private, kid=jwt_method))
    jwt_public = jwt_private.public_key()
    rate("VC-JWT verify, ES256", 2000, lambda: vc_jwt.verify(token, jwt_public, "ES256"))
    raw = text.encode()
    signing_key = keys.unseal(issuer_keys.active_key(award.issuer, KeyType.ED25519).sealed_private)
    rate(
        "raw Ed25519 + SHA-256 over the canonical bytes (reference)",
        5000,
        lambda: signing_key.sign(hashlib.sha256(raw).digest()),
    )


# -- Part two: end to end -------------------------------------------------------------------


def earner_with_awards(count: int):
    """One earner with `count` signed awards of one micro-credential; their public ids."""
    from django.utils import timezone

    from microcred.accounts.models import User
    from microcred.credentials.issuing import batch_signing, status_entries
    from microcred.credentials.models import Award, AwardKind

    version = micro_credential()
    issuer = version.micro_credential.issuer
    earner = User.objects.create(email="teacher@district.example.org", name="Dana Teacher")
    entries = status_entries.allocate(issuer, count)
    now = timezone.now()
    for status, index in entries:
        Award.objects.create(
            kind=AwardKind.MICRO_CREDENTIAL,
            earner=earner,
            issuer=issuer,
            version=version,
            awarded_at=now,
            status_list=status,
            status_index=index,
        )
    batch_signing.sign_pending()
    return earner, [str(a.public_id) for a in Award.objects.filter(earner=earner).order_by("pk")]


def peak_mb() -> float:
    """This process's peak resident memory. (ru_maxrss would carry the parent's peak
    across fork and exec on Linux.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(engine: str) -> None:
    setup_django(engine, fresh=False)
    from microcred.credentials.issuing import batch_signing

    signed = batch_signing.sign_pending()
    print(json.dumps({"signed": signed, "peak_mb": peak_mb()}))


def end_to_end(engine: str, cohort, workers: int) -> None:
    from django.db import connection

    from microcred.credentials.issuing import batch_signing
    from microcred.credentials.models import Award, CredentialAudit, StatusList

    # Straight DELETEs: the ORM's delete would load every award into memory first.
    CredentialAudit.objects.filter(award__isnull=False)._raw_delete(Award.objects.db)
    Award.objects.all()._raw_delete(Award.objects.db)
    StatusList.objects.all()._raw_delete(StatusList.objects.db)
    connection.close()
    started = time.perf_counter()
    made = batch_signing.create_cohort_awards(cohort)
    made_at = time.perf_counter() - started
    connection.close()  # the workers have the database to themselves
    env = dict(os.environ)
    processes = [
        subprocess.Popen(
            [sys.executable, __file__, "--worker", "--engine", engine],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        for _ in range(workers)
    ]
    reports = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in processes]
    elapsed = time.perf_counter() - started
    signed = sum(r["signed"] for r in reports)
    stored = Award.objects.filter(signed_at__isnull=False).count()
    own_peak = peak_mb()
    worker_peak = max(r["peak_mb"] for r in reports)
    assert signed == stored == made, (signed, stored, made)
    print(
        f"  {workers} worker{'s' if workers > 1 else ''}: {made:,} awards made in {made_at:.1f} s, "
        f"all signed and stored after {elapsed:.1f} s ({made / elapsed:,.0f} awards/s); "
        f"peak memory {worker_peak:.0f} MB per worker, {own_peak:.0f} MB in the process that "
        "filled the database and made the awards"
    )


def run(engine: str, awards: int) -> None:
    setup_django(engine, fresh=True)
    from django.db import connection

    print(f"=== {engine} ({connection.vendor}), load average {os.getloadavg()[0]:.1f} ===")
    version = micro_credential()
    per_core(version)
    started = time.perf_counter()
    cohort = cohort_of_met_submissions(version, awards)
    print(
        f"End to end, {awards:,} Met decisions (filled in {time.perf_counter() - started:.0f} s):"
    )
    for workers in (1, 2):
        end_to_end(engine, cohort, workers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--awards", type=int, default=50_000)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.engine)
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    for engine in engines:
        # Each engine in a process of its own: Django is set up once per process.
        if len(engines) > 1:
            subprocess.run(
                [sys.executable, __file__, "--engine", engine, "--awards", str(args.awards)],
                check=True,
            )
        else:
            run(engine, args.awards)


if __name__ == "__main__":
    main()
