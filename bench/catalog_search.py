"""Benchmark: the public catalog search at 100,000 published micro-credentials.

    .venv/bin/python bench/catalog_search.py [--engine sqlite|postgres|both] [--size 100000]
        [--external 0]

Fills a database of its own (the SQLite file bench/catalog_search.sqlite3, or the
PostgreSQL database mc_search_bench, created and dropped here) with published
micro-credentials written from educators' vocabulary: twenty issuers, two hundred stacks,
topics, grade bands, free and paid, several credit units, plus retired and draft versions
the search must not return. Then it times twenty representative searches with facets
through selectors.catalog_search, and the catalog page through the test client, and
prints p50/p95/max in milliseconds. A filled database of the right size is reused, so a
second run only measures.

With `--external N` it also lists N credentials of five other providers, imported through
the catalog's listing service as the federation import does, so that the same search
ranks native and external entries together; two more searches (a provider facet, words
with a provider facet) join the twenty. `--size 50000 --external 50000` searches across
100,000 entries, half of them other providers'.

PostgreSQL is reached at BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432); the
database's name is BENCH_POSTGRES_DB (default mc_search_bench), so that benchmarks run by
several people on one server do not drop each other's databases.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django_setup  # noqa: E402  (beside this file)

SQLITE_PATH = django_setup.sqlite_path("catalog_search")
PG_SERVER = django_setup.PG_SERVER

PG_NAME = os.environ.get("BENCH_POSTGRES_DB", "mc_search_bench")
# Bumped whenever fill() writes a different catalog, so that an older one is not reused.
DATA_VERSION = 4
SEARCH_ROUNDS = 5
PAGE_ROUNDS = 3

# --- what the catalog is written from -----------------------------------------------
# Each topic: its name, the skills a micro-credential in it names, and what the earner
# shows as evidence (";"-separated). Titles and summaries combine a verb, a skill and a
# setting, so a specific word is found in one to three percent of the catalog while
# "students" is in every micro-credential.

TOPICS = {
    "remote-learning": (
        "Remote learning",
        "synchronous online discussion; asynchronous video feedback; hybrid class routines; "
        "learning management system design; breakout room protocols; online formative checks; "
        "camera-optional participation; digital office hours; screencast tutorials; "
        "virtual lab simulations; online discussion boards; flipped lessons; "
        "remote attendance outreach; collaborative documents; online rubrics; "
        "live polling; pacing guides for self-paced modules; accessible slide decks",
        "a recorded online session; screenshots of the course page; student survey data",
    ),
    "project-based-learning": (
        "Project-based learning",
        "driving question design; public product exhibitions; peer critique and revision; "
        "project management with students; authentic audiences; sustained inquiry; "
        "entry events; need-to-know lists; expert interviews; gallery walks; "
        "team contracts; project journals; community partnerships; design thinking sprints; "
        "prototype testing; presentation coaching; interdisciplinary units; service learning",
        "a project calendar; student drafts with critique notes; an exhibition plan",
    ),
    "digital-citizenship": (
        "Digital citizenship",
        "student data privacy; media literacy; lateral reading of sources; copyright and fair use; "
        "responding to cyberbullying; online safety agreements; balanced technology use; "
        "digital footprints; misinformation checks; respectful online discourse; "
        "password hygiene; artificial intelligence literacy; creative commons licensing; "
        "social media ethics; algorithm awareness; phishing awareness; image verification; "
        "family technology agreements",
        "a lesson on evaluating sources; a class agreement; student reflections",
    ),
    "literacy": (
        "Literacy",
        "systematic phonics; reading fluency; vocabulary instruction; close reading; "
        "interactive read-alouds; writing conferences; guided reading groups; "
        "phonemic awareness; decodable texts; morphology; reading comprehension strategies; "
        "text-dependent questions; argumentative writing; narrative writing; book clubs; "
        "independent reading; spelling patterns; handwriting",
        "running records; a phonics scope and sequence; student writing samples",
    ),
    "mathematics": (
        "Mathematics",
        "number talks; fraction reasoning; mathematical discourse; problem solving routines; "
        "visual representations of algebra; math fact fluency; place value; "
        "proportional reasoning; geometry proofs; statistics projects; math modeling; "
        "concrete manipulatives; error analysis; three-act tasks; spiral review; "
        "estimation routines; measurement centers; early numeracy",
        "a number talk transcript; student work on a rich task; an error analysis",
    ),
    "social-emotional-learning": (
        "Social-emotional learning",
        "classroom belonging; self-regulation strategies; restorative circles; "
        "relationship building; student goal setting; conflict resolution; "
        "morning meetings; emotion vocabulary; mindfulness routines; growth mindset; "
        "peer mediation; calm-down corners; trauma-informed practices; student voice; "
        "advisory programs; gratitude practices; friendship skills; responsible decision-making",
        "a circle plan; a belonging survey; notes from student conferences",
    ),
    "universal-design-for-learning": (
        "Universal design for learning",
        "accessible materials; assistive technology; co-teaching models; flexible choice boards; "
        "individualized education program goals; accommodations in general education; "
        "multiple means of representation; executive function supports; text-to-speech tools; "
        "sensory-friendly spaces; visual schedules; tiered assignments; "
        "positive behavior supports; inclusive grouping; captioned media; "
        "alternative assessments; transition planning; paraprofessional collaboration",
        "a lesson with multiple means of engagement; an accommodation log; an IEP goal",
    ),
    "instructional-coaching": (
        "Instructional coaching",
        "coaching cycles; classroom observation; evidence-based feedback; modelling lessons; "
        "student-centered coaching conversations; data teams; walkthrough protocols; "
        "video-based reflection; goal-setting conferences; lesson study; "
        "professional learning communities; peer observation; mentoring new teachers; "
        "teacher leadership; instructional rounds; coaching agreements; "
        "look-fors; action research",
        "coaching cycle notes; an observation tool; a teacher's reflection",
    ),
    "assessment-for-learning": (
        "Assessment for learning",
        "success criteria; exit tickets; standards-based grading; student self-assessment; "
        "feedback that moves learning; common formative assessments; learning progressions; "
        "hinge questions; retrieval practice; portfolio assessment; performance tasks; "
        "single-point rubrics; data-driven reteaching; peer assessment; "
        "learning targets; mastery tracking; conferring notes; reassessment policies",
        "a set of success criteria; exit ticket data; feedback given to students",
    ),
    "multilingual-learners": (
        "Multilingual learners",
        "sentence frames for academic language; translanguaging; language objectives; "
        "newcomer welcome routines; oral language development; "
        "family communication in home languages; cognates; visual glossaries; "
        "structured academic talk; language proficiency levels; bilingual book collections; "
        "heritage language maintenance; vocabulary in context; dual-language instruction; "
        "scaffolded writing; listening comprehension; culturally sustaining pedagogy; "
        "interpreter partnerships",
        "a lesson with language objectives; student talk recordings; family letters",
    ),
}
VERBS = [
    "Designing",
    "Facilitating",
    "Assessing",
    "Planning",
    "Teaching",
    "Leading",
    "Using",
    "Building",
    "Coaching",
    "Scaffolding",
]
SETTINGS = [
    "in the primary classroom",
    "for multilingual learners",
    "across content areas",
    "with families",
    "in small groups",
    "for the whole class",
    "in secondary classrooms",
    "for students with disabilities",
    "in blended courses",
    "with early learners",
]
OUTCOMES = [
    "so every student takes part",
    "to raise the quality of student thinking",
    "that students can act on",
    "with evidence of growth over six weeks",
    "aligned to grade-level standards",
]
# Words that appear in a handful of micro-credentials only.
RARE = ["orthographic mapping", "metacognitive wrappers", "kinesthetic manipulatives"]
ISSUERS = [
    "Lakeside Teaching Institute",
    "Prairie Educators Guild",
    "Northwind Teacher Academy",
    "Riverbend Educator Collaborative",
    "Summit Learning Design Lab",
    "Harbor Literacy Network",
    "Cedar State Education Cooperative",
    "Open Classroom Foundation",
    "Mesa Mathematics Project",
    "Bright Futures Early Learning",
    "Coastal Coaching Alliance",
    "Heartland Digital Learning Center",
    "Pioneer Special Education Partners",
    "Evergreen Teacher Leadership",
    "Tri-County Professional Learning",
    "Maple Valley University School of Education",
    "Frontier Online Learning Consortium",
    "Cornerstone SEL Institute",
    "Granite Regional Service Center",
    "Willow Creek Educators Union",
]
UNITS = [
    ("CPD credit", ["0.5", "1", "2"]),
    ("clock hours", ["5", "10", "15", "20"]),
    ("state recertification credit", ["1", "2", "3"]),
    ("continuing education unit", ["0.5", "1.5"]),
    ("graduate credit", ["1", "3"]),
]
FEES = ["0", "0", "0", "0", "15", "25", "35", "50", "75", "125"]
STACK_NAMES = ["foundations", "in practice", "leadership", "pathway", "for new teachers"]
STACKS = 200
COMMON_WORD = "students"


def searches(issuer: str, stack: str, provider: str = "") -> list[tuple[str, dict, str]]:
    """Twenty searches as people type them: (query, filters, sort); two more with a
    provider facet when other providers' catalogs are listed."""
    with_providers = [
        ("", {"provider": [provider]}, ""),
        ("feedback", {"provider": [provider]}, "title"),
    ]
    return (with_providers if provider else []) + [
        ("phonics", {}, ""),
        ("feedback", {}, ""),
        (COMMON_WORD, {}, ""),  # in every micro-credential
        ("portfolio", {}, "shortest"),
        ("restorative circles", {}, ""),
        ("number talks", {}, "newest"),
        ("algeb", {}, "title"),  # prefixes, as typed so far
        ("misinfo", {}, ""),
        ("fluency", {"topic": ["literacy"]}, ""),
        ("privacy", {"topic": ["digital-citizenship", "remote-learning"]}, "title"),
        ("reasoning", {"grade": ["6-8"], "price": ["paid"]}, ""),
        ("coaching", {"grade": ["k-2", "3-5"], "price": ["free"]}, "newest"),
        ("assistive technology", {"unit": ["clock hours"]}, "shortest"),
        ("orthographic mapping", {}, ""),  # rare
        ("zyzzyva", {}, ""),  # nothing
        ("", {}, ""),  # the catalog's front page
        ("", {"topic": ["mathematics"]}, "title"),
        ("", {"grade": ["9-12"], "price": ["free"]}, "shortest"),
        ("", {"issuer": [issuer]}, ""),
        ("", {"stack": [stack]}, "title"),
    ]


# --- database ------------------------------------------------------------------------


def configure(engine: str, *, fresh: bool) -> None:
    django_setup.setup_django(
        "catalog_search",
        engine,
        PG_NAME,
        fresh=fresh,
        DEBUG="false",
        TASKS_BACKEND="immediate",
        LOG_LEVEL="WARNING",
    )


def filled_size(engine: str) -> tuple[int, int]:
    """The size and external listings an existing bench database was filled to with this
    script's catalog, or (-1, -1) when there is none (or it was written from other
    vocabulary)."""
    sql = "SELECT size, external FROM bench_catalog WHERE version = %s"
    if engine == "sqlite":
        import sqlite3

        if not SQLITE_PATH.exists():
            return -1, -1
        with sqlite3.connect(SQLITE_PATH) as db:
            try:
                row = db.execute(sql.replace("%s", "?"), [DATA_VERSION]).fetchone()
            except sqlite3.Error:
                return -1, -1
    else:
        import psycopg

        try:
            with psycopg.connect(f"{PG_SERVER}/{PG_NAME}") as db:
                row = db.execute(sql, [DATA_VERSION]).fetchone()
        except psycopg.Error:
            return -1, -1
    return (row[0], row[1]) if row else (-1, -1)


def fill(size: int, external: int = 0) -> None:
    """`size` published micro-credentials, some with a retired earlier version, and a few
    drafts, and `external` other providers' listings; the same catalog on every engine
    for the same sizes (seeded)."""
    from django.db import transaction

    from microcred.catalog import search

    rng = random.Random(2026)
    bands, topics, issuers = _vocabulary()
    with transaction.atomic():
        mcs = _micro_credentials(rng, issuers, size)
        _versions(rng, mcs, size, topics, bands)
        _point_at_published()
        _stacks(rng, issuers, mcs[:size])
        _external_listings(rng, external)
        search.rebuild()


PROVIDERS = [
    "Northwind Teacher Academy",
    "Open Pathways Collaborative",
    "Summit State Educator Network",
    "Blue Heron Learning Lab",
    "Prairie Digital Badges",
]


def _external_listings(rng, external: int) -> None:
    """Other providers' catalogs, listed through the service the federation import calls:
    some free, some without a cost or hours; the first provider imported twice, the
    second time without a tenth of its entries, which are retired."""
    from microcred.catalog.services import ListingEntry, list_external

    for n, provider in enumerate(PROVIDERS):
        entries = []
        for i in range(n, external, len(PROVIDERS)):
            topic = rng.choice(list(TOPICS))
            name, skills, _evidence = TOPICS[topic]
            skill, other = rng.sample(skills.split("; "), 2)
            cost = rng.choice([None, "0", "0", "40", "99", "150", "300"])
            entries.append(
                ListingEntry(
                    key=f"ext-{i}",
                    name=f"{rng.choice(VERBS)} {skill} {rng.choice(SETTINGS)}"[:300],
                    description=f"Use {skill} and {other} {rng.choice(OUTCOMES)}.",
                    url=f"https://provider-{n}.example.org/credentials/{i}",
                    kind=rng.choice(["MicroCredential", "OpenBadge", "Certificate"]),
                    offered_by=provider,
                    cost=Decimal(cost) if cost is not None else None,
                    currency="USD" if cost is not None else "",
                    estimated_hours=Decimal(rng.choice(["5", "10", "20", "40"]))
                    if rng.random() < 0.8
                    else None,
                    competencies=(f"Uses {skill}", f"Plans {other}"),
                    keywords=(name,),
                )
            )
        if n == 0:
            # Entries the provider has since dropped: the second import retires them.
            dropped = [
                ListingEntry(key=f"dropped-{e.key}", name=e.name, url=e.url)
                for e in entries[: len(entries) // 10]
            ]
            list_external(provider, entries + dropped, organization=None, by=None)
        list_external(provider, entries, organization=None, by=None)


def _vocabulary():
    """The grade bands the migrations made, the topics and the issuers."""
    from microcred.accounts.models import Organization
    from microcred.catalog.models import GradeBand, Topic

    bands = {band.slug: band for band in GradeBand.objects.all()}
    topics = {
        slug: Topic.objects.create(slug=slug, name=name)
        for slug, (name, _skills, _evidence) in TOPICS.items()
    }
    issuers = Organization.objects.bulk_create(
        [
            Organization(
                name=name,
                slug="-".join(name.lower().replace("'", "").split()),
                kind=Organization.Kind.ISSUER,
            )
            for name in ISSUERS
        ]
    )
    return bands, topics, issuers


def _micro_credentials(rng, issuers, size: int) -> list:
    """`size` micro-credentials to publish, then one in fifty more that stay drafts."""
    from microcred.catalog.models import MicroCredential

    drafts_only = size // 50  # never published: not in the catalog
    return MicroCredential.objects.bulk_create(
        [
            MicroCredential(issuer=rng.choice(issuers), slug=f"mc-{i}")
            for i in range(size + drafts_only)
        ],
        batch_size=2000,
    )


def _versions(rng, mcs: list, size: int, topics: dict, bands: dict) -> None:
    """Every micro-credential's versions, with their topics and grade bands."""
    from django.utils import timezone

    from microcred.catalog.models import MicroCredentialVersion

    now = timezone.now()
    versions, topic_rows, band_rows = [], [], []
    for i, mc in enumerate(mcs):
        chosen_topics, chosen_bands, common = _common_fields(rng, mc, bands)
        start = len(versions)
        versions += _editions(rng, common, now=now, draft_only=i >= size)
        # The versions just added share this micro-credential's topics and bands.
        for position in range(start, len(versions)):
            topic_rows.append((position, [topics[s] for s in chosen_topics]))
            band_rows.append((position, [bands[s] for s in chosen_bands]))
    versions = MicroCredentialVersion.objects.bulk_create(versions, batch_size=2000)
    TopicLink = MicroCredentialVersion.topics.through
    TopicLink.objects.bulk_create(
        [
            TopicLink(microcredentialversion_id=versions[p].pk, topic_id=t.pk)
            for p, chosen in topic_rows
            for t in chosen
        ],
        batch_size=5000,
    )
    BandLink = MicroCredentialVersion.grade_bands.through
    BandLink.objects.bulk_create(
        [
            BandLink(microcredentialversion_id=versions[p].pk, gradeband_id=b.pk)
            for p, chosen in band_rows
            for b in chosen
        ],
        batch_size=5000,
    )


def _common_fields(rng, mc, bands: dict) -> tuple[list[str], list[str], dict]:
    """A micro-credential's topics, grade bands and the fields all its versions share."""
    topic_slugs, band_slugs = list(TOPICS), list(bands)
    main = rng.choice(topic_slugs)
    extra = rng.sample(topic_slugs, rng.choice([0, 0, 1, 1, 2]))
    chosen_topics = list(dict.fromkeys([main, *extra]))
    lo = rng.randrange(len(band_slugs))
    chosen_bands = band_slugs[lo : lo + rng.choice([1, 2, 2, 3])]
    unit, amounts = rng.choice(UNITS)
    fee = Decimal(rng.choice(FEES))
    fields = _text(rng, main, mc.issuer, unit, chosen_topics, chosen_bands, bands)
    common = {
        "micro_credential": mc,
        "fee": fee,
        "credit_amount": Decimal(rng.choice(amounts)),
        "credit_unit": unit,
        "credit_authority": "State Board of Education",
        "estimated_hours": (None if rng.random() < 0.05 else Decimal(rng.randint(4, 60)) / 2),
        **fields,
    }
    return chosen_topics, chosen_bands, common


def _editions(rng, common: dict, *, now, draft_only: bool) -> list:
    """A draft only; or the published version, after a retired first edition now and then
    and before an open draft now and then."""
    from microcred.catalog.models import MicroCredentialVersion

    published = now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
    if draft_only:
        return [MicroCredentialVersion(number=1, status="draft", **common)]
    editions, number = [], 1
    if rng.random() < 0.08:
        older = dict(common, title=common["title"] + " (first edition)")
        editions.append(
            MicroCredentialVersion(
                number=1,
                status="retired",
                published_at=published - timedelta(days=200),
                retired_at=published,
                **older,
            )
        )
        number = 2
    editions.append(
        MicroCredentialVersion(number=number, status="published", published_at=published, **common)
    )
    if rng.random() < 0.03:
        editions.append(MicroCredentialVersion(number=number + 1, status="draft", **common))
    return editions


def _point_at_published() -> None:
    """Each micro-credential's current version is its published one."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE catalog_microcredential SET current_version_id = ("
            "SELECT v.id FROM catalog_microcredentialversion v "
            "WHERE v.micro_credential_id = catalog_microcredential.id "
            "AND v.status = %s)",
            ["published"],
        )


def _stacks(rng, issuers: list, published: list) -> None:
    """Stacks of three to eight of an issuer's published micro-credentials; one in ten
    still being put together."""
    from microcred.catalog.models import Stack, StackItem

    live: dict[int, list] = {}
    for mc in published:
        live.setdefault(mc.issuer_id, []).append(mc)
    topic_slugs = list(TOPICS)
    stacks, items = [], []
    for n in range(STACKS):
        issuer = issuers[n % len(issuers)]
        topic = TOPICS[topic_slugs[n % len(topic_slugs)]][0]
        name = f"{topic} {STACK_NAMES[n // len(topic_slugs) % len(STACK_NAMES)]}"
        stacks.append(
            Stack(
                issuer=issuer,
                slug=f"stack-{n}",
                title=f"{name}, level {n // 50 + 1} ({issuer.name})",
                description=f"A path through {topic.lower()} for educators.",
                is_published=n % 10 != 9,
            )
        )
    stacks = Stack.objects.bulk_create(stacks)
    for stack in stacks:
        chosen = rng.sample(live[stack.issuer_id], rng.randint(3, 8))
        items += [
            StackItem(stack=stack, micro_credential=mc, position=position)
            for position, mc in enumerate(chosen, start=1)
        ]
    StackItem.objects.bulk_create(items, batch_size=5000)


def _text(rng, topic, issuer, unit, chosen_topics, chosen_bands, bands) -> dict:
    name, skills, evidence = TOPICS[topic]
    skill, other = rng.sample(skills.split("; "), 2)
    evidence = evidence.split("; ")
    setting = rng.choice(SETTINGS)
    title = f"{rng.choice(VERBS)} {skill} {setting}"
    rare = rng.choice(RARE) if rng.random() < 0.002 else ""
    summary = f"Use {skill} {rng.choice(OUTCOMES)}."
    competency = rng.choice(
        [
            f"The educator plans and uses {skill} {setting}, and adjusts teaching from what "
            "students show",
            f"The educator designs lessons around {skill} {setting}",
            f"The educator uses {skill} {setting} and explains each choice",
        ]
    ) + (f", using {rare}." if rare else ".")
    key_method = (
        f"Plan a sequence of lessons that use {skill} and {other}; teach it, collect "
        f"{rng.choice(evidence)} and {rng.choice(evidence)}, and reflect on what students "
        "learned."
    )
    method_components = "\n".join(
        [f"Set goals for {skill}", f"Teach with {other}", "Gather evidence of student learning"]
    )
    # The same words, in the same order, as catalog.search.document_for() writes.
    search_text = "\n".join(
        [
            summary,
            competency,
            key_method,
            method_components,
            issuer.name,
            unit,
            " ".join(TOPICS[s][0] for s in sorted(chosen_topics, key=lambda s: TOPICS[s][0])),
            " ".join(bands[b].name for b in chosen_bands),
        ]
    )
    return {
        "title": title[:200],
        "summary": summary[:300],
        "competency": competency,
        "key_method": key_method,
        "method_components": method_components,
        "research": "Structured practice with feedback improves teaching (several studies).",
        "search_text": search_text,
    }


# --- measuring -----------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def digest(results) -> str:
    """A short fingerprint of what a search returned besides its order: total, facets."""
    facets = sorted(
        (name, value.value, value.count)
        for name, values in results.facets.items()
        for value in values
    )
    return hashlib.sha256(repr((results.total, facets)).encode()).hexdigest()[:8]


def measure(engine: str, size: int) -> None:
    from microcred.accounts.models import Organization
    from microcred.catalog.models import ExternalProvider, Stack

    issuer = Organization.objects.get(name=ISSUERS[3]).slug
    stack = Stack.objects.filter(is_published=True).order_by("pk")[7].slug
    provider = ExternalProvider.objects.order_by("pk").values_list("slug", flat=True)[1:2]
    plan = searches(issuer, stack, provider[0] if provider else "")
    per_query, outcome = _time_searches(plan)
    pages = _time_pages(plan)
    _report_searches(engine, plan, per_query, outcome, pages)
    _report_first_searches(engine, plan)
    _report_front_page_after_change(engine)


def _time_searches(plan) -> tuple[list[list[float]], list[tuple[int, str, int]]]:
    """Each search's times over the rounds, and from the first round what it returned
    (total, fingerprint) and in how many queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from microcred.catalog.selectors import catalog_search

    for query, filters, sort in plan:  # warm caches once
        catalog_search(query, filters=filters, sort=sort)
    per_query: list[list[float]] = [[] for _ in plan]
    outcome = []
    for round_ in range(SEARCH_ROUNDS):
        for n, (query, filters, sort) in enumerate(plan):
            started = time.perf_counter()
            results = catalog_search(query, filters=filters, sort=sort)
            per_query[n].append((time.perf_counter() - started) * 1000)
            if round_ == 0:
                with CaptureQueriesContext(connection) as queries:
                    catalog_search(query, filters=filters, sort=sort)
                outcome.append((results.total, digest(results), len(queries)))
    return per_query, outcome


def _time_pages(plan) -> list[float]:
    """The catalog page through the test client, for every search of the plan."""
    from django.test import Client

    client = Client()
    urls = [("/catalog/", {"q": query, "sort": sort, **filters}) for query, filters, sort in plan]
    for url, params in urls:  # warm up
        assert client.get(url, params).status_code == 200
    pages = []
    for _round in range(PAGE_ROUNDS):
        for url, params in urls:
            started = time.perf_counter()
            response = client.get(url, params)
            pages.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    return pages


def _report_searches(engine: str, plan, per_query, outcome, pages) -> None:
    timings = [ms for runs in per_query for ms in runs]
    print(f"\n[{engine}] per search, median of {SEARCH_ROUNDS} (ms), results, fingerprint:")
    for (query, filters, sort), runs, (total, fingerprint, count) in zip(
        plan, per_query, outcome, strict=True
    ):
        print(
            f"  {statistics.median(runs):7.1f}  {total:>7,}  {fingerprint}  "
            f"{count:>2} queries  {_shown(query, filters, sort)}"
        )
    print(
        f"[{engine}] search with facets, {len(timings)} runs: "
        f"p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 95):.1f} ms, "
        f"max {max(timings):.1f} ms"
    )
    print(
        f"[{engine}] catalog page (GET /catalog/?q=…), {len(pages)} runs: "
        f"p50 {statistics.median(pages):.1f} ms, p95 {percentile(pages, 95):.1f} ms, "
        f"max {max(pages):.1f} ms"
    )
    common = [n for n, (query, _f, _s) in enumerate(plan) if query == COMMON_WORD]
    others = [ms for n, runs in enumerate(per_query) if n not in common for ms in runs]
    print(
        f"[{engine}] search without the common word {COMMON_WORD!r}, {len(others)} runs: "
        f"p50 {statistics.median(others):.1f} ms, p95 {percentile(others, 95):.1f} ms"
    )


def _report_first_searches(engine: str, plan) -> None:
    """The first search for its words since the catalog changed: the engine is asked for
    the matches again (the catalog index itself is kept)."""
    from django.db import connection

    from microcred.catalog import catalog_index
    from microcred.catalog.selectors import catalog_search

    first: list[list[float]] = [[] for _ in plan]
    for _round in range(SEARCH_ROUNDS):
        for n, (query, filters, sort) in enumerate(plan):
            catalog_index.current(connection.cursor()).forget_matches()
            started = time.perf_counter()
            catalog_search(query, filters=filters, sort=sort)
            first[n].append((time.perf_counter() - started) * 1000)
    print(f"[{engine}] first search for its words since a catalog change, median (ms):")
    for (query, filters, sort), runs in zip(plan, first, strict=True):
        if query:
            print(f"  {statistics.median(runs):7.1f}  {_shown(query, filters, sort)}")
    worded = [ms for n, runs in enumerate(first) if plan[n][0] for ms in runs]
    print(
        f"[{engine}] first search for its words, {len(worded)} runs: "
        f"p50 {statistics.median(worded):.1f} ms, p95 {percentile(worded, 95):.1f} ms"
    )


def _report_front_page_after_change(engine: str) -> None:
    from django.core.cache import cache

    from microcred.catalog.selectors import catalog_search

    cold = []
    for _round in range(3):
        cache.clear()  # as after a publish: the catalog index is built again
        started = time.perf_counter()
        catalog_search("")
        cold.append((time.perf_counter() - started) * 1000)
    print(
        f"[{engine}] front page right after a catalog change: {statistics.median(cold):.1f} ms; "
        f"load average now {os.getloadavg()[0]:.1f}"
    )


def _shown(query, filters, sort) -> str:
    return " ".join(
        [repr(query)]
        + [f"{k}={','.join(v)}" for k, v in filters.items()]
        + ([f"sort={sort}"] if sort else [])
    )


def run(engine: str, size: int, external: int) -> None:
    started = time.perf_counter()
    reused = filled_size(engine) == (size, external)
    configure(engine, fresh=not reused)
    from django.core.management import call_command
    from django.db import connection

    if reused:
        call_command("migrate", verbosity=0)
    if not reused:
        fill(size, external)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE bench_catalog (size integer, external integer, version integer)"
            )
            cursor.execute(
                "INSERT INTO bench_catalog VALUES (%s, %s, %s)", [size, external, DATA_VERSION]
            )
        # The steady state autovacuum keeps a live database in: statistics, and on
        # PostgreSQL the visibility map and an emptied GIN pending list.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    how = "reused" if reused else "filled"
    from microcred.catalog.models import ExternalListing

    listed = ExternalListing.objects.filter(retired_at=None).count()
    print(
        f"[{engine}] {size:,} published micro-credentials and {listed:,} other providers' "
        f"listings ({size + listed:,} entries), {how} in "
        f"{time.perf_counter() - started:.0f} s; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    measure(engine, size)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--external", type=int, default=0, help="other providers' listings to add")
    args = parser.parse_args()
    if args.engine != "both":
        run(args.engine, args.size, args.external)
        return
    # Django is set up once per process, so each engine runs in a process of its own.
    for engine in ("sqlite", "postgres"):
        subprocess.run(  # noqa: S603 - this script again, with its own arguments
            [
                sys.executable,
                __file__,
                *("--engine", engine, "--size", str(args.size)),
                *("--external", str(args.external)),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
