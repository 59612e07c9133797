"""The catalog works as plain forms, and fits a phone's screen.

htmx improves the catalog, but the search, the facet filters and the sort are an
ordinary GET form underneath: with JavaScript off they still work, through the
"Apply filters" and "Sort" buttons that only then appear.
"""

import re

import pytest
from playwright.sync_api import expect

from microcred.accounts.tests.factories import UserFactory
from microcred.catalog.tests.factories import (
    StackFactory,
    TopicFactory,
    add_to_stack,
    published_version,
)

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}


def _catalog(issuer):
    author = UserFactory(is_staff=True)
    science = TopicFactory(name="Science", slug="science")
    literacy = TopicFactory(name="Literacy", slug="literacy")
    versions = [
        published_version(
            author,
            micro_credential__issuer=issuer,
            title="Argument From Evidence in Science Talk",
            summary="Students defend claims with evidence from investigations.",
            topics=[science, literacy],
            estimated_hours=12,
            fee=0,
        ),
        published_version(
            author,
            micro_credential__issuer=issuer,
            title="Claims, Evidence and Reasoning in Lab Reports",
            summary="A writing frame for lab reports that asks for evidence.",
            topics=[science],
            estimated_hours=8,
        ),
        published_version(
            author,
            micro_credential__issuer=issuer,
            title="Close Reading of Informational Texts",
            summary="Annotating and questioning non-fiction.",
            topics=[literacy],
            estimated_hours=20,
        ),
    ]
    stack = StackFactory(issuer=issuer, title="Science Practices")
    add_to_stack(stack, versions[0].micro_credential, versions[1].micro_credential)
    return versions


def _titles(page) -> list[str]:
    return (
        page.get_by_role("region", name=re.compile("micro-credential"))
        .get_by_role("heading", level=3)
        .all_inner_texts()
    )


@pytest.fixture
def no_js_page(new_page):
    return new_page(java_script_enabled=False)


def test_search_filters_and_sort_work_without_javascript(no_js_page, issuer):
    page = no_js_page
    _catalog(issuer)

    page.goto("/catalog/")
    expect(page.get_by_role("heading", name="3 micro-credentials")).to_be_visible()

    page.get_by_role("searchbox", name="Search").fill("evidence")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="2 micro-credentials")).to_be_visible()
    assert "q=evidence" in page.url

    page.get_by_role("group", name="Price").get_by_label(re.compile("Free")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 micro-credential")).to_be_visible()
    assert _titles(page) == ["Argument From Evidence in Science Talk"]
    assert "price=free" in page.url
    assert "q=evidence" in page.url

    page.get_by_role("group", name="Price").get_by_label(re.compile("Free")).uncheck()
    page.get_by_role("searchbox", name="Search").fill("")
    page.get_by_role("group", name="Topic").get_by_label(re.compile("Science")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="2 micro-credentials")).to_be_visible()

    page.get_by_label("Sort by").select_option(label="Fewest hours")
    page.get_by_role("button", name="Sort").click()
    assert "sort=shortest" in page.url
    assert _titles(page) == [
        "Claims, Evidence and Reasoning in Lab Reports",
        "Argument From Evidence in Science Talk",
    ]
    page.get_by_label("Sort by").select_option(label="Title A–Z")
    page.get_by_role("button", name="Sort").click()
    assert _titles(page) == [
        "Argument From Evidence in Science Talk",
        "Claims, Evidence and Reasoning in Lab Reports",
    ]
    expect(
        page.get_by_role("group", name="Topic").get_by_label(re.compile("Science"))
    ).to_be_checked()


def _page_width(page, *, javascript: bool) -> int:
    """How wide the document is, in CSS pixels. Without JavaScript the page can't be
    asked, so the browser is, through the DevTools protocol."""
    if javascript:
        return page.evaluate("document.documentElement.scrollWidth")
    metrics = page.context.new_cdp_session(page).send("Page.getLayoutMetrics")
    return round(metrics["cssContentSize"]["width"])


def _assert_fits(page, *, javascript: bool) -> None:
    width = _page_width(page, javascript=javascript)
    assert width <= PHONE["width"] + 2, (
        f"{page.url} scrolls sideways on a phone: {width}px wide for a {PHONE['width']}px screen"
    )
    if javascript:
        assert_accessible(page)


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_home_catalog_and_micro_credential_pages_fit_a_phone_screen(new_page, issuer, javascript):
    page = new_page(java_script_enabled=javascript, viewport=PHONE)
    _catalog(issuer)

    page.goto("/")
    _assert_fits(page, javascript=javascript)

    page.get_by_label("Search micro-credentials").fill("evidence")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="2 micro-credentials")).to_be_visible()
    _assert_fits(page, javascript=javascript)

    page.get_by_role("link", name="Claims, Evidence and Reasoning in Lab Reports").click()
    expect(
        page.get_by_role("heading", name="Claims, Evidence and Reasoning in Lab Reports", level=1)
    ).to_be_visible()
    _assert_fits(page, javascript=javascript)
