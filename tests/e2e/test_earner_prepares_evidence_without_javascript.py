"""An earner prepares evidence on a phone with JavaScript off: the reflection states its
length before they type and the count after they save, a refused file is named beside its
requirement, collaborators are added and removed as rows, and submitting a reflection that
is too short is refused with the count. The same page passes axe and fits 375 px. No page
is in /admin/."""

import re

import pytest
from playwright.sync_api import expect

from microcred.catalog.models import Requirement
from microcred.submissions import services as submissions
from microcred.submissions.models import Collaborator
from microcred.submissions.tests.factories import enrollment_for

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def draft(earner, issuer, issuer_admin):
    enrollment = enrollment_for(
        earner,
        issuer_admin=issuer_admin,
        micro_credential__issuer=issuer,
        title="Co-Planning for Inclusion",
        fee=0,
    )
    Requirement.objects.filter(version=enrollment.version).update(
        title="Reflection",
        instructions="In 300 to 500 words, reflect on what changed for your students.",
        evidence_types=["file", "reflection"],
        min_words=300,
        max_words=500,
    )
    return submissions.start_attempt(enrollment, by=earner)


def _sign_in(new_page, user, visited, **options):
    page = new_page(**options)
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def test_an_earner_prepares_evidence_without_javascript(new_page, draft, earner, tmp_path):
    visited: list[str] = []
    me = _sign_in(new_page, earner, visited, java_script_enabled=False, viewport=PHONE)
    me.goto(f"/submissions/{draft.reference}/")
    part = me.locator("section.requirement")

    # The limit stands beside the field before anything is typed.
    expect(part.get_by_text("Length: 300 to 500 words.")).to_be_visible()
    expect(part.get_by_text(re.compile(r"Up to \d+ MB; images up to"))).to_be_visible()

    # A short draft is saved whole, and its count is shown.
    part.get_by_label(re.compile("Reflection")).fill(" ".join(["student"] * 60))
    part.get_by_role("button", name="Save", exact=True).click()
    expect(me.get_by_text("60 words; this answer needs 300 to 500 words.")).to_be_visible()

    # A refused file is named beside its requirement, with what is accepted.
    disguised = tmp_path / "setup.pdf"
    disguised.write_bytes(b"MZ\x90\x00" + b"\0" * 64)
    part.get_by_label("Upload a file").set_input_files(disguised)
    part.get_by_role("button", name="Upload", exact=True).click()
    alert = me.locator("section.requirement").get_by_role("alert")
    expect(alert).to_contain_text("“setup.pdf” was not uploaded.")
    expect(alert).to_contain_text("not a type we accept (PDF, Word")

    # Collaborators are rows: add, remove, save.
    together = me.locator("#collaboration")
    together.get_by_label("I worked with others on this").check()
    together.get_by_label("Name of person 1").fill("Casey Lin")
    together.get_by_label("E-mail of person 1").fill("casey@x.org")
    together.get_by_role("button", name="Add another person").click()
    together = me.locator("#collaboration")
    together.get_by_label("Name of person 2").fill("Pat Wrong")
    together.get_by_role("button", name="Add another person").click()
    together = me.locator("#collaboration")
    together.get_by_label("Name of person 3").fill("Sam Roe")
    together.get_by_label("E-mail of person 3").fill("sam@x.org")
    together.get_by_role("button", name="Remove person 2").click()
    together = me.locator("#collaboration")
    expect(together.get_by_label("Name of person 2")).to_have_value("Sam Roe")
    expect(together.get_by_label("Name of person 3")).to_have_count(0)
    together.get_by_label("How the work was divided").fill("We planned the unit together.")
    together.get_by_role("button", name="Save collaboration").click()
    expect(me.get_by_text("Collaboration saved.")).to_be_visible()
    assert sorted(Collaborator.objects.filter(submission=draft).values_list("name", "email")) == [
        ("Casey Lin", "casey@x.org"),
        ("Sam Roe", "sam@x.org"),
    ]

    # Submitting sixty words for three hundred to five hundred is refused with the count.
    me.get_by_role("button", name="Submit for review").click()
    expect(me.locator("section.requirement").get_by_role("alert")).to_contain_text(
        "60 words; this answer needs 300 to 500 words."
    )
    draft.refresh_from_db()
    assert draft.state == "draft"

    # The same page, with scripts on, is accessible and fits a phone.
    seen = _sign_in(new_page, earner, visited, viewport=PHONE)
    seen.goto(f"/submissions/{draft.reference}/")
    expect(seen.get_by_label("Name of person 2")).to_have_value("Sam Roe")
    assert_accessible(seen)
    assert seen.evaluate("document.documentElement.scrollWidth") <= 375
    assert not [url for url in visited if "/admin/" in url]
