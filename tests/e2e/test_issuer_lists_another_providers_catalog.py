"""An issuer's admin lists another provider's catalog (a broken CSV first, refused whole
with its problems named, then the provider's CTDL), and a visitor finds its credentials
in the public catalog beside ours, offered by the provider and earned on its page, the
way a phone user without JavaScript could. Every page passes axe and fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from microcred.catalog.tests.factories import published_version
from microcred.federation.tests.test_catalog_import import SAMPLE

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}


def _fits_a_phone(page, *, javascript: bool) -> None:
    assert "/admin/" not in page.url
    if not javascript:
        return  # the page's width and axe are measured by script, in the run with it
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_an_admin_lists_a_providers_catalog_and_a_visitor_finds_it(
    new_page, issuer, issuer_admin, tmp_path, javascript
):
    published_version(issuer_admin, micro_credential__issuer=issuer, title="Classroom Discourse")
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "id,name,url\nc-1,Coaching Cycles,javascript:alert(1)\nc-2,<b>Bold</b>,https://x.example.org\n"
    )

    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(issuer_admin.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"/author/credentials/{issuer.slug}/")
    page.get_by_role("link", name="Other providers’ catalogs").click()
    expect(page.get_by_role("heading", name="Other providers’ catalogs", level=1)).to_be_visible()
    _fits_a_phone(page, javascript=javascript)

    page.get_by_label("Catalog file").set_input_files(str(broken))
    page.get_by_label("Format").select_option("csv")
    page.get_by_label(re.compile("^Provider")).fill("Example Learning Collaborative")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="The catalog was not imported")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Row 2 \(c-1\): url: is not an http"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Row 3 \(c-2\): name: holds HTML"))).to_be_visible()
    _fits_a_phone(page, javascript=javascript)

    page.get_by_label("Catalog file").set_input_files(str(SAMPLE))
    page.get_by_label("Format").select_option("ctdl")
    page.get_by_label(re.compile("^Provider")).fill("Example Learning Collaborative")
    page.get_by_role("button", name="Import").click()
    expect(
        page.get_by_text(re.compile("2 added, 0 updated, 0 retired, 0 unchanged"))
    ).to_be_visible()
    _fits_a_phone(page, javascript=javascript)

    page.goto("/catalog/")
    page.get_by_label("Search").fill("discourse")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#catalog-results")
    expect(
        results.get_by_role("heading", name="2 credentials (1 from other providers)")
    ).to_be_visible()
    expect(results.get_by_text("Offered by Example Learning Collaborative")).to_be_visible()
    earn = results.get_by_role("link", name=re.compile("Earn it at Example Learning"))
    expect(earn).to_have_attribute(
        "href", "https://learning.example.org/micro-credentials/classroom-discourse"
    )
    _fits_a_phone(page, javascript=javascript)

    page.get_by_label(re.compile(r"Example Learning Collaborative \(1\)")).check()
    if not javascript:
        page.get_by_role("button", name="Apply filters").click()
    expect(
        results.get_by_role("heading", name="1 credential (1 from other providers)")
    ).to_be_visible()
    expect(
        results.get_by_role("link", name="Culturally Responsive Classroom Discourse", exact=True)
    ).to_be_visible()
    _fits_a_phone(page, javascript=javascript)
