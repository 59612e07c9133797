"""Whatever is typed in the catalog's search box or put in its address (filters, sort,
page) gets the catalog page, never an error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microcred.catalog.search import MAX_QUERY_CHARS, MAX_QUERY_TOKENS, parse_query
from microcred.catalog.selectors import FACETS

# Values as an address carries them: any text but the NUL a browser never sends.
values = st.text(
    st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=60
)


@given(raw=st.none() | st.text(max_size=1000))
def test_any_query_is_cut_into_a_bounded_number_of_words(raw):
    parsed = parse_query(raw)

    assert len(parsed.tokens) <= MAX_QUERY_TOKENS
    assert len(parsed.text) <= MAX_QUERY_CHARS


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "sort", "page", *FACETS]), st.lists(values, min_size=1, max_size=3)
    )
)
def test_the_catalog_answers_any_search_address(params):
    response = Client().get("/catalog/", params)

    assert response.status_code == 200
