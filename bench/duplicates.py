"""Benchmark: checking one new submission for near-duplicates against 100,000 earlier ones.

    .venv/bin/python bench/duplicates.py [--engine sqlite|postgres|both] [--earlier 100000]
                                         [--checks 1000] [--pg-database mc_dupes_bench]

It fills a database of its own (bench/duplicates.sqlite3, or the PostgreSQL database
given by --pg-database or BENCH_PG_DATABASE, default mc_dupes_bench, which it drops and
creates) with one micro-credential and N earlier submitted attempts by N earners, each
with a written answer of 150–300 words on the same teaching practice (words drawn from
one shared vocabulary, with stock phrases every teacher uses) and a classroom photo;
their fingerprints and band keys are stored as the check stores them. The photos' dHashes
are random 64-bit values rather than decoded pictures, to fill the table quickly.

Then it submits new attempts one by one — one in ten a lightly edited copy of an earlier
answer, one in twenty with a resized copy of an earlier photo — and times
`check_submission` alone: fingerprinting the new evidence (the photo decoded from
storage), the band lookup, scoring the candidates, and writing fingerprints and flags.
Printed: p50/p95/max per check, flags raised, and memory: the process RSS before and
after the timed checks, then Python's own allocations (tracemalloc) after 100 and after
300 further checks, and their peak — steady figures mean nothing is kept per check.
Target: p95 under 100 ms.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django_setup  # noqa: E402  (beside this file)

PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "mc_dupes_bench")

VOCABULARY = (  # noqa: SIM905
    "student students class lesson lessons teacher question questions answer answers "
    "idea ideas model models group groups table board ticket tickets exit warm-up week "
    "weeks day morning afternoon minutes time think pair share write wrote read reading "
    "notes sticky slip slips sorted sort piles retaught reteach practice independent "
    "small whole feedback goal goals rubric criteria evidence data check checks "
    "confidence rating ratings skill skills concept concepts science math english "
    "history fraction fractions equation essay paragraph source sources vocabulary "
    "phonics fluency sentence sentences prompt prompts discussion protocol norms partner "
    "partners conference conferences families family routine routines plan planned "
    "planning unit units grade seventh eighth fourth third confused confusing clear "
    "clearer specific noticed changed adjusted tried started finished learned learning "
    "understood understand misconception misconceptions error errors subtraction "
    "multiplication graph graphs experiment lab hypothesis observation quiet quieter "
    "louder careful careful response responses spreadsheet tagged pattern patterns "
    "surface developing insightful connection connections experience friday monday"
).split()
FUNCTION_WORDS = "the and i to of a in my they was that it with for on".split()  # noqa: SIM905
STOCK_PHRASES = (
    "at the end of the lesson",
    "by the third week",
    "the students in my class",
    "as a result of this",
    "in the first week",
    "i noticed that several students",
    "next time i will",
    "on the other hand",
    "most of the class",
    "with names removed",
    "one of the most important",
    "at the beginning of the unit",
)


def setup_django(engine: str, pg_database: str) -> None:
    # Notices are queued, as in production; pictures go to a folder of their own.
    django_setup.setup_django(
        "duplicates",
        engine,
        pg_database,
        MEDIA_ROOT=tempfile.mkdtemp(prefix="microcred-bench-duplicates-"),
    )


def answer(rng: random.Random) -> str:
    """A written answer: words from the shared vocabulary and the little words between
    them, with the stock phrases every teacher uses."""
    words = []
    for _ in range(rng.randrange(150, 300)):
        pool = FUNCTION_WORDS if rng.random() < 0.35 else VOCABULARY
        words.append(rng.choice(pool))
        if rng.random() < 0.015:
            words.extend(rng.choice(STOCK_PHRASES).split())
    return " ".join(words)


def lightly_edited(text: str, rng: random.Random) -> str:
    words = text.split()
    for i in range(0, len(words), 14):
        j = min(i + rng.randrange(14), len(words) - 1)
        words[j] = rng.choice(VOCABULARY)
    return " ".join(words)


def photo(seed: int, size=(800, 600)):
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", size, (200, 190, 170))
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x0, y0 = rng.randrange(size[0]), rng.randrange(size[1])
        box = [x0, y0, x0 + rng.randrange(40, 300), y0 + rng.randrange(40, 240)]
        draw.rectangle(box, fill=tuple(rng.randrange(256) for _ in range(3)))
    return image


def fill(earlier: int, rng: random.Random):
    from django.db import transaction

    # One transaction: SQLite in autocommit would sync the disk for every row.
    with transaction.atomic():
        return _fill(earlier, rng)


def _fill(earlier: int, rng: random.Random):
    """`earlier` submitted submissions of one micro-credential, each with a written answer
    and a photo, fingerprinted and indexed as the checks would leave them; returns the
    version, its requirement and up to 400 of the answers to copy from."""
    from django.utils import timezone

    version, requirement = _micro_credential()
    now = timezone.now()
    texts_kept: list[str] = []
    for start in range(0, earlier, 5_000):
        subs, written, evidence = _earlier_batch(
            start, min(5_000, earlier - start), version, requirement, rng, now=now
        )
        texts_kept.extend(written[: 400 - len(texts_kept)] if len(texts_kept) < 400 else [])
        _index(subs, evidence, version.micro_credential_id, rng, now=now)
    return version, requirement, texts_kept


def _micro_credential():
    from microcred.accounts.models import Organization
    from microcred.catalog.models import MicroCredential, MicroCredentialVersion, Requirement

    issuer = Organization.objects.create(name="Lakeview College", slug="lakeview", kind="issuer")
    mc = MicroCredential.objects.create(issuer=issuer, slug="exit-tickets")
    version = MicroCredentialVersion.objects.create(
        micro_credential=mc, number=1, status="published", title="Exit Tickets That Inform", fee=0
    )
    requirement = Requirement.objects.create(
        version=version, position=1, title="Evidence", evidence_types=["file", "text"]
    )
    return version, requirement


def _earlier_batch(start: int, n: int, version, requirement, rng, *, now):
    """`n` earners with a submitted submission each, holding an answer and a photo."""
    from microcred.accounts.models import User
    from microcred.backpack.models import Enrollment
    from microcred.submissions.models import Evidence, Submission

    users = User.objects.bulk_create(
        [
            User(email=f"earner{start + i}@bench.example", name=f"Earner {start + i}")
            for i in range(n)
        ]
    )
    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(
                earner=u,
                micro_credential_id=version.micro_credential_id,
                version=version,
                status="submitted",
            )
            for u in users
        ]
    )
    subs = Submission.objects.bulk_create(
        [Submission(enrollment=e, state="submitted", submitted_at=now) for e in enrollments]
    )
    written = [answer(rng) for _ in subs]
    evidence = Evidence.objects.bulk_create(
        [
            Evidence(submission=s, requirement=requirement, kind="text", text=t)
            for s, t in zip(subs, written, strict=True)
        ]
        + [
            Evidence(
                submission=s,
                requirement=requirement,
                kind="file",
                content_type="image/jpeg",
                original_name="classroom.jpg",
                size=120_000,
                sha256=f"{rng.getrandbits(256):064x}",
            )
            for s in subs
        ]
    )
    return subs, written, evidence


def _index(subs, evidence, mc_id: int, rng, *, now) -> None:
    """The fingerprints, bands and check rows the duplicate check would have written."""
    from microcred.submissions.duplicates.models import Band, Check, Fingerprint
    from microcred.submissions.workflow import insert_rows

    fingerprints = _fingerprints(subs, evidence, mc_id, rng, now=now)
    insert_rows(Fingerprint, [row for row, _keys in fingerprints])
    ids = dict(
        Fingerprint.objects.filter(evidence_id__in=[e.pk for e in evidence]).values_list(
            "evidence_id", "pk"
        )
    )
    insert_rows(
        Band,
        [
            {"fingerprint_id": ids[row["evidence_id"]], "micro_credential_id": mc_id, "key": k}
            for row, keys in fingerprints
            for k in dict.fromkeys(keys)
        ],
    )
    insert_rows(
        Check,
        [
            {
                "submission_id": s.pk,
                "checked_at": now,
                "fingerprints": 2,
                "candidates": 0,
                "flags": 0,
            }
            for s in subs
        ],
    )


def _fingerprints(subs, evidence, mc_id: int, rng, *, now) -> list[tuple[dict, list]]:
    """(fingerprint row, band keys) of each piece of evidence: a MinHash of each answer, a
    random picture hash of each photo."""
    from microcred.submissions.duplicates import picture_similarity as pictures
    from microcred.submissions.duplicates import text_similarity as texts

    owner = {s.pk: s for s in subs}
    fingerprints = []
    for e in evidence:
        s = owner[e.submission_id]
        row = {
            "evidence_id": e.pk,
            "submission_id": s.pk,
            "micro_credential_id": mc_id,
            "earner_id": s.enrollment.earner_id,
            "scheme": texts.SCHEME,
            "minhash": None,
            "shingles": 0,
            "sha256": "",
            "picture_hash": None,
            "created_at": now,
        }
        if e.kind == "text":
            fp = texts.fingerprint(e.text)
            row.update(minhash=fp.packed(), shingles=fp.shingles)
            keys = fp.band_keys()
        else:
            value = texts.signed64(rng.getrandbits(64))
            row.update(sha256=e.sha256, picture_hash=value)
            keys = [pictures.file_band_key(e.sha256), *pictures.band_keys(value)]
        fingerprints.append((row, keys))
    return fingerprints


def jpeg(image, quality=80) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


SEEDED_PHOTOS = 70


def new_attempt(version, requirement, n: int, rng: random.Random, texts_kept, *, picture=None):
    """A new earner's submitted attempt, written as the services would have left it."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from microcred.accounts.models import User
    from microcred.backpack.models import Enrollment
    from microcred.submissions.models import Evidence, Submission

    user = User.objects.create(email=f"new{n}@bench.example", name=f"New earner {n}")
    enrollment = Enrollment.objects.create(
        earner=user, micro_credential=version.micro_credential, version=version
    )
    submission = Submission.objects.create(
        enrollment=enrollment, state="submitted", submitted_at=timezone.now()
    )
    # Each copy is of a different earlier answer, so copies do not also match each other.
    copied = texts_kept[n // 10 % len(texts_kept)]
    text = lightly_edited(copied, rng) if n % 10 == 0 else answer(rng)
    Evidence.objects.create(submission=submission, requirement=requirement, kind="text", text=text)
    if picture is not None:
        data = picture
    elif n % 20 == 0:  # a resized copy of one of the seeded photos
        original = photo(500 + (n // 20) % SEEDED_PHOTOS)
        data = jpeg(original.resize((400, 300)), quality=60)
    else:
        data = jpeg(photo(10_000 + n))
    evidence = Evidence(
        submission=submission,
        requirement=requirement,
        kind="file",
        content_type="image/jpeg",
        original_name="classroom.jpg",
        size=len(data),
        sha256=f"{rng.getrandbits(256):064x}",  # a different file each time
    )
    evidence.file.save(f"bench-{n}.jpg", ContentFile(data), save=False)
    evidence.save()
    return submission


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run(engine: str, earlier: int, checks: int, pg_database: str) -> None:
    setup_django(engine, pg_database)
    import gc

    from django.db import reset_queries

    from microcred.submissions.duplicates.models import Band, Check
    from microcred.submissions.duplicates.services import check_submission

    rng = random.Random(20261206)
    started = time.perf_counter()
    version, requirement, texts_kept = fill(earlier, rng)
    print(
        f"[{engine}] filled {earlier:,} earlier submissions ({Band.objects.count():,} band keys) "
        f"in {time.perf_counter() - started:.0f} s"
    )
    # Earlier attempts with real photos, which later attempts copy resized (1 in 20).
    for k in range(SEEDED_PHOTOS):
        seeded = new_attempt(
            version, requirement, -1 - k, rng, texts_kept, picture=jpeg(photo(500 + k), 92)
        )
        check_submission(seeded.pk)

    def one(n: int) -> float:
        submission = new_attempt(version, requirement, n, rng, texts_kept)
        began = time.perf_counter()
        check_submission(submission.pk)
        elapsed = time.perf_counter() - began
        reset_queries()
        return elapsed

    for n in range(2, 22):  # warm-up
        one(n)
    gc.collect()
    rss_before = rss_mb()
    times = [one(n) for n in range(22, 22 + checks)]
    gc.collect()
    rss_after = rss_mb()
    times.sort()
    p50 = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    flags = sum(
        Check.objects.filter(submission__enrollment__earner__email__startswith="new").values_list(
            "flags", flat=True
        )
    )
    print(
        f"[{engine}] {checks:,} checks against {earlier:,} earlier submissions: "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1] * 1000:.1f} ms; "
        f"{flags} flags raised"
    )
    print(f"[{engine}] RSS before the checks {rss_before:.1f} MB, after {rss_after:.1f} MB")
    tracemalloc.start()
    base = 22 + checks
    for n in range(base, base + 100):
        one(n)
    gc.collect()
    after_100 = tracemalloc.get_traced_memory()[0]
    for n in range(base + 100, base + 300):
        one(n)
    gc.collect()
    after_300, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"[{engine}] Python allocations held after 100 more checks {after_100 / 1e6:.2f} MB, "
        f"after 300 {after_300 / 1e6:.2f} MB; peak {peak / 1e6:.2f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--earlier", type=int, default=100_000)
    parser.add_argument("--checks", type=int, default=1_000)
    parser.add_argument(
        "--pg-database",
        default=PG_DATABASE,
        help="PostgreSQL database to drop, create and fill (default: %(default)s)",
    )
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    if len(engines) == 1:
        run(engines[0], args.earlier, args.checks, args.pg_database)
        return
    # Django is configured once per process: each engine runs in its own.
    for engine in engines:
        subprocess.run(
            [
                sys.executable,
                __file__,
                *("--engine", engine, "--earlier", str(args.earlier)),
                *("--checks", str(args.checks), "--pg-database", args.pg_database),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
