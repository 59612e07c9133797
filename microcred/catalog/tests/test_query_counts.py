"""The catalog's public pages read the database a fixed number of times, however many
micro-credentials they list and however long the page: no query per result."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microcred.catalog import services
from microcred.catalog.models import Alignment, Requirement, Resource, RubricCriterion
from microcred.catalog.tests.factories import (
    StackFactory,
    TopicFactory,
    add_to_stack,
    grade_band,
    published_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_in_memory(settings):
    """Only the catalog's own queries are counted: the shared cache, a table in the database
    unless Redis is configured, is kept in memory here."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


SEARCHES = {
    "front page": {},
    "words": {"q": "phonics"},
    "words and filters": {"q": "phonics", "topic": "literacy", "price": "free"},
    "words sorted by title": {"q": "routines", "sort": "title"},
    "one filter": {"topic": "literacy"},
    "two filters": {"grade": "6-8", "price": "free", "sort": "shortest"},
    "a stack": {"stack": "early-literacy"},
    "a page past the last": {"q": "phonics", "page": "99"},
}


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


def cold_and_warm(client, url, params=None) -> tuple[int, int]:
    """Queries of the first visit after the cache is emptied, then of a second visit."""
    cache.clear()
    return count_queries(client, url, params), count_queries(client, url, params)


@pytest.fixture
def publish(issuer, issuer_admin):
    """publish(n): n more published micro-credentials, free and paid, in one topic and one
    stack."""
    literacy = TopicFactory(name="Literacy", slug="literacy")
    stack = StackFactory(issuer=issuer, title="Early literacy", slug="early-literacy")

    def publish(n):
        versions = [
            published_version(
                issuer_admin,
                micro_credential__issuer=issuer,
                title=f"Phonics routines {number}",
                topics=[literacy],
                fee=0 if number % 2 else 25,
            )
            for number in range(n)
        ]
        add_to_stack(stack, *[version.micro_credential for version in versions])
        return versions

    return publish


@pytest.mark.parametrize("params", SEARCHES.values(), ids=SEARCHES.keys())
def test_the_catalog_reads_as_often_for_3_micro_credentials_as_for_25(client, publish, params):
    publish(3)
    few = cold_and_warm(client, reverse("catalog:index"), params)
    publish(22)
    many = cold_and_warm(client, reverse("catalog:index"), params)

    assert few == many


@pytest.mark.parametrize("params", SEARCHES.values(), ids=SEARCHES.keys())
def test_the_catalog_reads_as_often_for_pages_of_5_as_of_20(client, publish, settings, params):
    publish(25)
    settings.CATALOG_PAGE_SIZE = 5
    short = cold_and_warm(client, reverse("catalog:index"), params)
    settings.CATALOG_PAGE_SIZE = 20
    long = cold_and_warm(client, reverse("catalog:index"), params)

    assert short == long


def test_the_front_page_counts_the_whole_catalog_once_per_change(client, publish):
    publish(3)
    first, again = cold_and_warm(client, reverse("catalog:index"))

    assert again == first - 1


def _enrich(version, *, requirements, stacks, issuer):
    """More to show on the page: requirements with two criteria each, resources,
    alignments, grade bands and stacks."""
    for position in range(2, requirements + 1):
        Resource.objects.create(version=version, title=f"Reading {position}", position=position)
        Alignment.objects.create(
            version=version, framework="CASEL", name=f"Standard {position}", position=position
        )
        requirement = Requirement.objects.create(
            version=version,
            position=position,
            title=f"Evidence {position}",
            instructions="Upload it.",
            evidence_types=["file"],
        )
        for number in (1, 2):
            RubricCriterion.objects.create(
                requirement=requirement,
                position=number,
                name=f"Criterion {number}",
                met_description="Shown in the evidence.",
            )
    version.grade_bands.add(grade_band("k-2"), grade_band("3-5"))
    for number in range(stacks):
        stack = StackFactory(issuer=issuer, slug=f"stack-{version.pk}-{number}")
        add_to_stack(stack, version.micro_credential)


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "earner"])
def test_a_micro_credential_page_reads_as_often_however_much_it_shows(
    client, issuer, issuer_admin, earner, signed_in
):
    plain = published_version(issuer_admin, micro_credential__issuer=issuer)
    rich = published_version(issuer_admin, micro_credential__issuer=issuer)
    _enrich(rich, requirements=5, stacks=4, issuer=issuer)
    if signed_in:
        client.force_login(earner)

    def visit(version):
        return count_queries(client, version.get_absolute_url())

    visit(plain)  # a first visit may load the session; compare the visits after it
    assert visit(plain) == visit(rich)


# --- what the cached counts and the search entries must not get wrong ------------------


def test_the_cached_front_page_counts_a_publish_and_a_retirement_at_once(
    client, publish, issuer_admin
):
    first, *_ = publish(3)
    cache.clear()
    client.get(reverse("catalog:index"))  # counted and cached

    publish(1)
    assert "4 micro-credentials" in client.get(reverse("catalog:index")).text
    services.retire(first, by=issuer_admin)
    assert "3 micro-credentials" in client.get(reverse("catalog:index")).text


def test_a_deleted_micro_credential_leaves_nothing_in_the_search(client, publish):
    gone, *_ = publish(3)
    gone.micro_credential.delete()

    response = client.get(reverse("catalog:index"), {"q": "phonics"})

    assert "2 micro-credentials" in response.text
