"""An issuer's admin imports a standards framework as CASE (a broken file first, refused
whole with its problems named), then picks one of its standards for a draft, the way a
phone user without JavaScript could. Every page passes axe, fits a phone, and none is
under /admin/."""

import json
import re

import pytest
from playwright.sync_api import expect

from microcred.catalog.tests.factories import CompleteDraftFactory
from microcred.federation import samples

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}
EPL = next(s for s in samples.SAMPLES if "evidence-based" in s.name)


def _fits_a_phone(page, *, javascript: bool) -> None:
    assert "/admin/" not in page.url
    if not javascript:
        return  # the page's width and axe are measured by script, in the run with it
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_an_admin_imports_a_framework_and_an_author_picks_a_standard_from_it(
    new_page, issuer, issuer_admin, tmp_path, javascript
):
    draft = CompleteDraftFactory(micro_credential__issuer=issuer, title="Evidence in Practice")
    broken = json.loads(EPL.read_text())
    broken["CFItems"][0]["fullStatement"] = "<script>alert(1)</script>"
    broken_file = tmp_path / "broken.json"
    broken_file.write_text(json.dumps(broken))

    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(issuer_admin.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"/author/credentials/{issuer.slug}/")
    page.get_by_role("link", name="Standards frameworks (CASE)").click()
    expect(page.get_by_role("heading", name="Standards frameworks", level=1)).to_be_visible()
    _fits_a_phone(page, javascript=javascript)

    page.get_by_label("CASE JSON file").set_input_files(str(broken_file))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="The file was not imported")).to_be_visible()
    expect(page.get_by_text(re.compile(r"CFItems\[0\].*HTML or script"))).to_be_visible()
    _fits_a_phone(page, javascript=javascript)

    page.get_by_label("CASE JSON file").set_input_files(str(EPL))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text(re.compile("Imported .*8 standards"))).to_be_visible()
    _fits_a_phone(page, javascript=javascript)

    page.goto(f"/author/versions/{draft.pk}/")
    page.get_by_role("link", name="Pick a standard from an imported framework").click()
    expect(page.get_by_role("heading", name=re.compile("Pick a standard"))).to_be_visible()
    page.get_by_label("Words in the code or statement").fill("student work")
    page.get_by_role("button", name="Show standards").click()
    _fits_a_phone(page, javascript=javascript)
    page.get_by_label(re.compile("Collects student work")).check()
    page.get_by_role("button", name="Align to this standard").click()
    expect(page.get_by_text("Alignment added.")).to_be_visible()
    expect(
        page.get_by_role(
            "button",
            name="Remove alignment “Collects student work before and after the change.”",
        )
    ).to_be_visible()
    _fits_a_phone(page, javascript=javascript)
