"""A newcomer finds a micro-credential, signs up, verifies the e-mail and starts it."""

import re

from django.core import mail
from playwright.sync_api import expect

from microcred.accounts.tests.factories import UserFactory
from microcred.catalog.tests.factories import (
    StackFactory,
    TopicFactory,
    add_to_stack,
    published_version,
)

from .conftest import assert_accessible, link_in_mail

PHONE = {"width": 375, "height": 740}


def _catalog(issuer):
    author = UserFactory(is_staff=True)
    literacy = TopicFactory(name="Literacy", slug="literacy")
    math = TopicFactory(name="Mathematics", slug="mathematics")
    fluency = published_version(
        author,
        micro_credential__issuer=issuer,
        title="Building Reading Fluency",
        summary="Repeated reading with feedback.",
        topics=[literacy],
        fee=0,
    )
    phonics = published_version(
        author,
        micro_credential__issuer=issuer,
        title="Reading Routines for Phonics",
        summary="Daily reading routines for letter sounds.",
        topics=[literacy],
    )
    published_version(
        author,
        micro_credential__issuer=issuer,
        title="Reading Graphs in Science",
        summary="Students reading data displays.",
        topics=[math],
    )
    # The newest of all; "reading" is only in its summary, so a search lists it last.
    published_version(
        author,
        micro_credential__issuer=issuer,
        title="Checking for Understanding With Hinge Questions",
        summary="One question mid-lesson shows who is reading the diagram wrongly.",
        topics=[literacy],
    )
    stack = StackFactory(issuer=issuer, title="Foundations of Reading")
    add_to_stack(stack, fluency.micro_credential, phonics.micro_credential)
    return fluency


def test_a_newcomer_searches_filters_signs_up_and_starts(page, issuer):
    _catalog(issuer)

    page.goto("/")
    assert_accessible(page)
    page.get_by_label("Search micro-credentials").fill("reading")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="4 micro-credentials")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("group", name="Topic").get_by_label(re.compile("Literacy")).check()
    expect(page.get_by_role("heading", name="3 micro-credentials")).to_be_visible()
    expect(page.get_by_role("link", name="Reading Graphs in Science")).to_have_count(0)
    page.get_by_role("group", name="Price").get_by_label(re.compile("Free")).check()
    expect(page.get_by_role("heading", name="1 micro-credential")).to_be_visible()
    expect(page.get_by_role("link", name="Reading Routines for Phonics")).to_have_count(0)
    assert "topic=literacy" in page.url
    assert "price=free" in page.url
    assert_accessible(page)

    page.get_by_role("link", name="Building Reading Fluency").click()
    expect(page.get_by_role("heading", name="Building Reading Fluency", level=1)).to_be_visible()
    rubric = page.get_by_role("table", name=re.compile("Rubric for"))
    expect(rubric.get_by_role("rowheader", name="Protocol chosen")).to_be_visible()
    assert_accessible(page)
    micro_credential_url = page.url

    page.get_by_role("link", name="Sign in to earn this micro-credential").click()
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="sign up").click()
    page.get_by_label("Full name").fill("Nia Newcomer")
    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Password:", exact=True).fill("a long and careful passphrase")
    page.get_by_label("Password (again)").fill("a long and careful passphrase")
    assert_accessible(page)
    expect(page.get_by_role("button", name="Sign Up")).to_have_class("button")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert_accessible(page)

    assert mail.outbox[-1].to == ["nia@example.org"]
    page.goto(link_in_mail(mail.outbox[-1]))
    expect(page.get_by_text("Please confirm that nia@example.org")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("button", name="Confirm")).to_have_class("button")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Successfully signed in as Nia Newcomer.")).to_be_visible()
    assert page.url == micro_credential_url
    assert_accessible(page)

    page.get_by_role("button", name="Earn this micro-credential").click()
    expect(page.get_by_role("heading", name="Your backpack")).to_be_visible()
    in_progress = page.get_by_role("region", name=re.compile("In progress"))
    expect(in_progress.get_by_role("link", name="Building Reading Fluency")).to_be_visible()
    assert_accessible(page)


def _titles(page) -> list[str]:
    return page.locator("#catalog-results").get_by_role("heading", level=3).all_inner_texts()


def _fits_a_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"
    assert_accessible(page)


def test_a_search_lists_the_best_match_first_and_a_card_starts_it(new_page, issuer):
    _catalog(issuer)
    newcomer = UserFactory(name="Nia Newcomer")
    page = new_page(viewport=PHONE)

    page.goto("/catalog/")
    assert _titles(page)[0] == "Checking for Understanding With Hinge Questions"
    page.get_by_role("searchbox", name="Search").fill("reading")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_label("Sort by")).to_have_value("")
    expect(page.get_by_label("Sort by").locator("option:checked")).to_have_text("Best match")
    assert _titles(page)[-1] == "Checking for Understanding With Hinge Questions"
    _fits_a_phone(page)

    page.get_by_label("Sort by").select_option(label="Title A–Z")
    expect(page).to_have_url(re.compile("sort=title"))
    page.get_by_role("group", name="Topic").get_by_label(re.compile("Literacy")).check()
    expect(page.get_by_role("heading", name="3 micro-credentials")).to_be_visible()
    assert "sort=title" in page.url
    assert _titles(page) == [
        "Building Reading Fluency",
        "Checking for Understanding With Hinge Questions",
        "Reading Routines for Phonics",
    ]
    results_url = page.url
    card = page.get_by_role("article", name="Building Reading Fluency")
    expect(card.get_by_role("link", name="More info")).to_be_visible()
    _fits_a_phone(page)

    card.get_by_role("link", name="Earn this micro-credential").click()
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()
    page.get_by_label("Email").fill(newcomer.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(results_url)
    _fits_a_phone(page)

    card = page.get_by_role("article", name="Building Reading Fluency")
    card.get_by_role("button", name="Earn this micro-credential").click()
    expect(page.get_by_role("heading", name="Your backpack")).to_be_visible()
    in_progress = page.get_by_role("region", name=re.compile("In progress"))
    expect(in_progress.get_by_role("link", name="Building Reading Fluency")).to_be_visible()
    _fits_a_phone(page)
    assert "/admin/" not in page.url
