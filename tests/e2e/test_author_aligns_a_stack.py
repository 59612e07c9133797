"""An issuer's author aligns a stack to standards and names what it leads to; anyone
reads both on the stack's public page. Every page passes axe and fits a phone."""

import re

from playwright.sync_api import expect

from microcred.catalog.tests.factories import StackFactory, add_to_stack, published_version

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}


def _fits_a_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"
    assert_accessible(page)


def test_an_author_aligns_a_stack_and_the_public_page_names_its_standards(
    new_page, issuer, issuer_admin
):
    stack = StackFactory(issuer=issuer, title="Foundations of Reading", is_published=True)
    add_to_stack(
        stack,
        *(
            published_version(
                issuer_admin, micro_credential__issuer=issuer, title=title
            ).micro_credential
            for title in ("Building Reading Fluency", "Reading Routines for Phonics")
        ),
    )
    page = new_page(viewport=PHONE)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(issuer_admin.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.goto("/author/")
    page.get_by_role("link", name="Foundations of Reading").click()
    expect(
        page.get_by_role("heading", name=re.compile("Foundations of Reading"), level=1)
    ).to_be_visible()
    page.get_by_label("Leads to (endorsement)").fill("the Reading Specialist endorsement")
    page.get_by_role("button", name="Save stack").click()
    expect(page.get_by_text("Stack saved.")).to_be_visible()
    _fits_a_phone(page)

    standards = page.get_by_role("region", name="Standards alignments")
    standards.get_by_text("Add an alignment").click()
    standards.get_by_role("button", name="Add alignment").click()
    expect(standards.get_by_text("This field is required.").first).to_be_visible()
    _fits_a_phone(page)
    standards = page.get_by_role("region", name="Standards alignments")
    standards.get_by_label("Framework").fill("ISTE Standards for Educators")
    standards.get_by_label("Code").fill("2.5.a")
    standards.get_by_label("Standard").fill("Designer: personalized learning")
    standards.get_by_role("button", name="Add alignment").click()
    expect(page.get_by_text("Alignment added.")).to_be_visible()
    expect(
        page.get_by_role("button", name="Remove alignment “Designer: personalized learning”")
    ).to_be_visible()
    _fits_a_phone(page)

    page.goto(stack.get_absolute_url())
    expect(page.get_by_text("Leads to: the Reading Specialist endorsement")).to_be_visible()
    standards = page.get_by_role("region", name="Standards")
    expect(standards.get_by_text("ISTE Standards for Educators 2.5.a")).to_be_visible()
    expect(standards.get_by_text("Designer: personalized learning")).to_be_visible()
    _fits_a_phone(page)
    assert "/admin/" not in page.url
