"""Catalog pages run a fixed number of SQL queries, however many results they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from microcred.accounts.tests.factories import UserFactory
from microcred.catalog.models import (
    Alignment,
    Requirement,
    Resource,
    RubricCriterion,
    Stack,
    StackItem,
)
from microcred.catalog.tests.factories import (
    StackFactory,
    TopicFactory,
    published_version,
)

pytestmark = pytest.mark.django_db


def _catalog(issuer, size):
    author = UserFactory(is_staff=True)
    topic = TopicFactory(name="Literacy", slug="literacy")
    versions = [
        published_version(
            author, micro_credential__issuer=issuer, title=f"Reading routine {n}", topics=[topic]
        )
        for n in range(size)
    ]
    stack = Stack.objects.filter(slug="reading").first() or StackFactory(
        issuer=issuer, slug="reading", title="Reading"
    )
    start = stack.items.count()
    for position, version in enumerate(versions, start=start + 1):
        StackItem.objects.create(
            stack=stack, micro_credential=version.micro_credential, position=position
        )
    return versions


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "reading routine"},
        {"q": "reading", "topic": "literacy", "price": "paid", "stack": "reading"},
        {"sort": "title"},
    ],
)
def test_the_catalog_page_runs_the_same_queries_for_3_or_25_results(
    client, issuer, settings, params
):
    _catalog(issuer, 3)
    settings.CATALOG_PAGE_SIZE = 5
    small = _queries(client, "/catalog/", params)
    _catalog(issuer, 22)
    settings.CATALOG_PAGE_SIZE = 20
    large = _queries(client, "/catalog/", params)

    assert small == large


def test_a_micro_credential_page_runs_the_same_queries_however_rich_it_is(client, issuer):
    plain, *_ = _catalog(issuer, 1)
    rich = published_version(UserFactory(is_staff=True), micro_credential__issuer=issuer)
    for n in range(4):
        requirement = Requirement.objects.create(
            version=rich, title=f"Part {n}", instructions="Do it.", evidence_types=["text"]
        )
        for m in range(3):
            RubricCriterion.objects.create(
                requirement=requirement, name=f"C{m}", met_description="Met."
            )
        Resource.objects.create(version=rich, title=f"Resource {n}")
        Alignment.objects.create(version=rich, framework="CASEL", name=f"Standard {n}")

    assert _queries(client, plain.get_absolute_url()) == _queries(client, rich.get_absolute_url())
