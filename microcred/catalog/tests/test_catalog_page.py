"""The catalog page as its form sends it: the order of what a search finds, and the one
action each card offers."""

import lxml.html
import pytest
from django.urls import reverse

from microcred.backpack.models import Enrollment
from microcred.catalog.tests.factories import published_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def reading(issuer, issuer_admin):
    fluency = published_version(
        issuer_admin,
        micro_credential__issuer=issuer,
        title="Building Reading Fluency",
        summary="Repeated reading with feedback.",
    )
    # Published later, so newest first lists it first; "reading" is only in its summary.
    hinge = published_version(
        issuer_admin,
        micro_credential__issuer=issuer,
        title="Checking for Understanding With Hinge Questions",
        summary="One question mid-lesson shows who is reading the diagram wrongly.",
    )
    return fluency, hinge


def _form_fields(response) -> dict[str, str]:
    """What the catalog form sends as it stands, besides the words typed."""
    form = lxml.html.fromstring(response.content).get_element_by_id("catalog-form")
    return {name: value for name, value in form.form_values() if name != "q"}


def _titles(response) -> list[str]:
    page = lxml.html.fromstring(response.content)
    return [h.text_content().strip() for h in page.xpath('//*[@id="catalog-results"]//h3')]


def test_words_typed_into_the_newest_first_catalog_list_the_best_match_first(client, reading):
    catalog = reverse("catalog:index")
    browsing = client.get(catalog)
    assert _titles(browsing)[0] == "Checking for Understanding With Hinge Questions"

    response = client.get(catalog, {**_form_fields(browsing), "q": "reading"})

    assert _titles(response) == [
        "Building Reading Fluency",
        "Checking for Understanding With Hinge Questions",
    ]
    assert _form_fields(response)["sort"] == ""  # best match, still the default


def test_an_order_the_searcher_chose_survives_new_words_filters_and_pages(client, reading):
    catalog = reverse("catalog:index")
    chosen = client.get(catalog, {"q": "reading", "sort": "newest"})
    assert _titles(chosen)[0] == "Checking for Understanding With Hinge Questions"

    response = client.get(
        catalog, {**_form_fields(chosen), "q": "reading", "price": "paid", "page": "1"}
    )

    assert _form_fields(response)["sort"] == "newest"
    assert _titles(response)[0] == "Checking for Understanding With Hinge Questions"


def test_pages_of_a_search_keep_its_order(client, reading, settings):
    settings.CATALOG_PAGE_SIZE = 1
    response = client.get(reverse("catalog:index"), {"q": "reading", "sort": "title"})

    next_page = lxml.html.fromstring(response.content).xpath('//a[@rel="next"]')[0].get("href")
    assert "sort=title" in next_page
    assert _titles(client.get(reverse("catalog:index") + next_page)) == [
        "Checking for Understanding With Hinge Questions"
    ]


def test_a_card_asks_a_signed_out_visitor_to_sign_in_and_come_back(client, reading):
    response = client.get(reverse("catalog:index"), {"q": "fluency"})

    card = lxml.html.fromstring(response.content).xpath('//*[@id="catalog-results"]//article')[0]
    links = {a.text_content().strip(): a.get("href") for a in card.xpath(".//a")}
    assert links["More info"] == reading[0].get_absolute_url()
    assert links["Earn this micro-credential"] == ("/accounts/login/?next=/catalog/%3Fq%3Dfluency")


def test_a_card_puts_the_micro_credential_in_a_signed_in_earners_backpack(client, reading, earner):
    client.force_login(earner)
    page = lxml.html.fromstring(client.get(reverse("catalog:index")).content)
    card = page.xpath('//article[.//h3[normalize-space()="Building Reading Fluency"]]')[0]
    button = card.xpath(".//button")[0]
    form = page.get_element_by_id(button.get("form"))
    assert form.get("method") == "post"

    response = client.post(button.get("formaction"), dict(form.form_values()))

    assert response.status_code == 302
    assert response.url == reverse("backpack:home")
    assert Enrollment.objects.filter(
        earner=earner, micro_credential=reading[0].micro_credential
    ).exists()
    again = client.get(reverse("catalog:index"), {"q": "fluency"})
    assert "In your backpack" in again.text
