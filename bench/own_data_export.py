"""Benchmark: one earner's "Download my data" ZIP for a large account.

    .venv/bin/python bench/own_data_export.py [--submissions 2000] [--files 60] [--file-mb 8]

Fills a database of its own (bench/own_data_export.sqlite3) and a media folder of its own
with one earner holding SUBMISSIONS submissions across ten micro-credentials, each with a
written answer of about 2 KB, and FILES evidence files of FILE_MB megabytes of random
bytes (incompressible: the worst case for the archive); then builds the archive the
profile page serves, in this process, and prints:

- the time to build it, its size, and the number of entries;
- the most memory Python held at once during the export (tracemalloc) and the process's
  peak resident size: the archive is written to a temporary file a row and a file chunk
  at a time, so the export must hold far less than the evidence (target: under 64 MB at
  once for 480 MB of files), and take under a minute;
- a check of its own result: every submission and every file is in the archive, and each
  file's SHA-256 matches the one stored when it was uploaded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from django_setup import setup_django  # noqa: E402

MB = 1024 * 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--file-mb", type=int, default=8)
    args = parser.parse_args()

    media = Path(tempfile.mkdtemp(prefix="own-data-media-"))
    setup_django(
        "own_data_export",
        "sqlite",
        "",
        MEDIA_ROOT=str(media),
        TASKS_BACKEND="immediate",
        DEBUG="true",
    )
    try:
        run(args, media)
    finally:
        shutil.rmtree(media, ignore_errors=True)


def run(args, media: Path) -> None:
    earner, submissions, requirements = _account(args.submissions)
    _files(args, media, submissions, requirements)
    total_files_mb = args.files * args.file_mb

    from microcred.people import own_data

    tracemalloc.start()
    started = time.perf_counter()
    archive = own_data.export(earner, by=earner)
    elapsed = time.perf_counter() - started
    held = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    size = archive.seek(0, os.SEEK_END)
    archive.seek(0)
    names, listed, files = _read_back(archive)
    archive.close()

    print(
        f"Account: {len(submissions)} submissions with a 2 KB answer each, "
        f"{args.files} files of {args.file_mb} MB ({total_files_mb} MB of evidence)."
    )
    print(f"Export: {elapsed:.1f} s, archive {size / MB:.0f} MB, {len(names)} entries.")
    print(
        f"Memory: at most {held:.1f} MB held by Python during the export for "
        f"{total_files_mb} MB of files; peak resident size of the process {peak_mb():.0f} MB "
        f"(setting up the account included)."
    )
    ok = len(listed) == len(submissions) and len(files) == args.files
    print(f"Check: {len(listed)} submissions and {len(files)} files, hashes match: {ok}")
    if not ok:
        raise SystemExit(1)


def _account(count: int):
    """One earner with `count` decided submissions across ten micro-credentials, each with
    a written answer of about 2 KB; returns the earner, the submissions and each version's
    first requirement."""
    from django.utils import timezone

    from microcred.accounts.models import Organization, Role
    from microcred.accounts.tests.factories import (
        MembershipFactory,
        OrganizationFactory,
        UserFactory,
    )
    from microcred.backpack.models import Enrollment
    from microcred.catalog.models import Requirement
    from microcred.catalog.tests.factories import published_version
    from microcred.submissions.models import Evidence, Submission

    issuer = OrganizationFactory(kind=Organization.Kind.ISSUER)
    admin = UserFactory()
    MembershipFactory(user=admin, organization=issuer, role=Role.ISSUER_ADMIN)
    earner = UserFactory(name="Bench Earner")
    versions = [published_version(admin, micro_credential__issuer=issuer, fee=0) for _ in range(10)]
    enrollments = [
        Enrollment.objects.create(earner=earner, micro_credential=v.micro_credential, version=v)
        for v in versions
    ]
    requirements = {v.pk: Requirement.objects.filter(version=v).first() for v in versions}
    now = timezone.now()
    per = -(-count // len(enrollments))
    submissions = Submission.objects.bulk_create(
        Submission(
            enrollment=e,
            attempt=n + 1,
            state="not_met",
            submitted_at=now,
            decided_at=now,
            reference=f"MC-B{e.pk:03d}{n:05d}",
        )
        for e in enrollments
        for n in range(per)
    )[:count]
    answer = ("We tried think-pair-share with the whole class. " * 45)[:2000]
    Evidence.objects.bulk_create(
        Evidence(
            submission=s,
            requirement=requirements[s.enrollment.version_id],
            kind="text",
            text=answer,
        )
        for s in submissions
    )
    return earner, submissions, requirements


def _files(args, media: Path, submissions, requirements) -> None:
    """FILES evidence files of FILE_MB megabytes of random bytes, spread over the
    submissions, each stored with its SHA-256 as an upload is."""
    from microcred.submissions.models import Evidence

    folder = media / "evidence" / "bench"
    folder.mkdir(parents=True)
    for n in range(args.files):
        name = f"evidence/bench/file-{n}.bin"
        digest = hashlib.sha256()
        with open(media / name, "wb") as out:
            for _ in range(args.file_mb):
                chunk = os.urandom(MB)
                digest.update(chunk)
                out.write(chunk)
        s = submissions[n % len(submissions)]
        Evidence.objects.create(
            submission=s,
            requirement=requirements[s.enrollment.version_id],
            kind="file",
            file=name,
            original_name=f"lesson-{n}.bin",
            size=args.file_mb * MB,
            sha256=digest.hexdigest(),
        )


def _read_back(archive):
    """The archive's entry names, its list of submissions and its files, each file's
    SHA-256 checked against the one stored at upload."""
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        listed = json.loads(zf.read("submissions.json"))
        files = [e for s in listed for e in s["evidence"] if e.get("file")]
        for entry in files:
            digest = hashlib.sha256()
            with zf.open(entry["file"]) as stream:
                while chunk := stream.read(MB):
                    digest.update(chunk)
            assert digest.hexdigest() == entry["sha256"], entry["file"]
    return names, listed, files


if __name__ == "__main__":
    main()
