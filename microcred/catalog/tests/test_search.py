import pytest

from microcred.catalog import selectors, services
from microcred.catalog.search import MAX_QUERY_TOKENS, parse_query
from microcred.catalog.tests.factories import (
    CompleteDraftFactory,
    StackFactory,
    TopicFactory,
    add_to_stack,
    published_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(issuer, other_issuer, issuer_admin):
    """Three published micro-credentials, one draft, across two issuers."""
    staff = type(issuer_admin).objects.create_user("staff@example.org", "x", is_staff=True)
    literacy = TopicFactory(name="Literacy", slug="literacy")
    math = TopicFactory(name="Mathematics", slug="mathematics")
    phonics = published_version(
        staff,
        micro_credential__issuer=issuer,
        title="Systematic phonics routines",
        summary="Teach letter-sound patterns in a daily routine.",
        topics=[literacy],
        fee=0,
    )
    fluency = published_version(
        staff,
        micro_credential__issuer=issuer,
        title="Reading fluency with repeated reading",
        summary="Build fluency through phonics-informed repeated reading.",
        topics=[literacy],
    )
    fractions = published_version(
        staff,
        micro_credential__issuer=other_issuer,
        title="Fractions on the number line",
        summary="Use number lines so students reason about fractions.",
        topics=[math],
        credit_unit="clock hours",
    )
    CompleteDraftFactory(micro_credential__issuer=issuer, title="Phonics draft, unpublished")
    stack = StackFactory(issuer=issuer, title="Early literacy", slug="early-literacy")
    add_to_stack(stack, phonics.micro_credential, fluency.micro_credential)
    return {"phonics": phonics, "fluency": fluency, "fractions": fractions}


def titles(results):
    return [version.title for version in results.versions]


def test_an_empty_search_lists_every_published_micro_credential(catalog):
    results = selectors.catalog_search("")

    assert results.total == 3
    assert "Phonics draft, unpublished" not in titles(results)


def test_a_title_match_ranks_above_a_match_in_the_summary(catalog):
    results = selectors.catalog_search("phonics")

    assert titles(results) == [
        "Systematic phonics routines",
        "Reading fluency with repeated reading",
    ]


def test_words_match_by_prefix_and_stem(catalog):
    assert titles(selectors.catalog_search("fract")) == ["Fractions on the number line"]
    assert titles(selectors.catalog_search("routine")) == ["Systematic phonics routines"]


def test_every_word_must_match(catalog):
    assert titles(selectors.catalog_search("phonics fractions")) == []


def test_facets_filter_and_count(catalog):
    results = selectors.catalog_search("", filters={"topic": ["literacy"], "price": ["free"]})

    assert titles(results) == ["Systematic phonics routines"]
    price_counts = {f.value: f.count for f in results.facets["price"]}
    assert price_counts == {"free": 1, "paid": 1}  # counted without the price filter itself
    topic_counts = {f.value: f.count for f in results.facets["topic"]}
    assert topic_counts == {"literacy": 1}


def test_values_within_a_facet_are_alternatives(catalog):
    results = selectors.catalog_search("", filters={"topic": ["literacy", "mathematics"]})

    assert results.total == 3


def test_stack_and_issuer_and_credit_unit_filters(catalog, issuer):
    assert selectors.catalog_search("", filters={"stack": ["early-literacy"]}).total == 2
    assert selectors.catalog_search("", filters={"issuer": [issuer.slug]}).total == 2
    assert titles(selectors.catalog_search("", filters={"unit": ["clock hours"]})) == [
        "Fractions on the number line"
    ]


def test_unknown_facets_and_values_are_ignored_or_match_nothing(catalog):
    assert selectors.catalog_search("", filters={"colour": ["blue"]}).total == 3
    assert selectors.catalog_search("", filters={"price": ["priceless"]}).total == 3
    assert selectors.catalog_search("", filters={"topic": ["no-such-topic"]}).total == 0


def test_a_retired_micro_credential_leaves_the_search(catalog, issuer_admin):
    services.retire(catalog["phonics"], by=issuer_admin)

    assert titles(selectors.catalog_search("systematic")) == []


def test_a_new_version_replaces_the_old_in_the_search(catalog, issuer_admin):
    revision = services.start_revision(catalog["phonics"].micro_credential, by=issuer_admin)
    services.update_details(revision, by=issuer_admin, title="Explicit phonics routines")
    services.publish(revision, by=issuer_admin)

    assert titles(selectors.catalog_search("phonics routines")) == ["Explicit phonics routines"]
    assert selectors.catalog_search("").total == 3


def test_words_searched_before_a_publish_find_what_was_published(catalog, issuer, issuer_admin):
    assert selectors.catalog_search("phonics").total == 2

    published_version(issuer_admin, micro_credential__issuer=issuer, title="Phonics games")

    assert "Phonics games" in titles(selectors.catalog_search("phonics"))


def test_a_micro_credential_added_to_a_stack_is_found_under_it_at_once(catalog):
    assert selectors.catalog_search("", filters={"stack": ["early-literacy"]}).total == 2

    add_to_stack(StackFactory(slug="numeracy"), catalog["fractions"].micro_credential)

    results = selectors.catalog_search("", filters={"stack": ["numeracy"]})
    assert titles(results) == ["Fractions on the number line"]


@pytest.mark.parametrize(
    "query",
    [
        '"phonics',
        "phonics AND NOT fluency",
        "phon* OR 1=1",
        "'; DROP TABLE catalog_microcredentialversion; --",
        "title:phonics",
        "NEAR(phonics fluency)",
        "phonics 📚✏️",
        "📚",
        "((((",
        "\x00phonics",
        "ph" * 2500,
        "phonics " * 700,
    ],
)
def test_hostile_or_odd_queries_are_searched_as_plain_words(catalog, query):
    results = selectors.catalog_search(query)

    assert results.total >= 0
    assert selectors.catalog_search("").total == 3  # nothing was dropped


def test_an_injection_attempt_finds_only_its_words(catalog):
    results = selectors.catalog_search("phonics' OR '1'='1")

    assert results.total == 0  # "1" is a word too, and no title has it


def test_a_very_long_query_is_shortened_and_says_so():
    query = parse_query("fluency " * 1000)

    assert query.shortened
    assert len(query.tokens) <= MAX_QUERY_TOKENS


def test_a_page_beyond_the_last_shows_the_last(catalog):
    results = selectors.catalog_search("", page=99, page_size=2)

    assert (results.page, results.page_count, len(results.versions)) == (2, 2, 1)


def test_sorting_by_title(catalog):
    results = selectors.catalog_search("", sort="title")

    assert titles(results) == sorted(titles(results), key=str.lower)
