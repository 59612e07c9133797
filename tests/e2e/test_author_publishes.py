"""An issuer admin drafts a micro-credential, fails the checklist, fixes it and publishes."""

import io

from PIL import Image
from playwright.sync_api import expect

from .conftest import assert_accessible


def _open(page, summary: str):
    """Unfold a <details> section by its summary, unless it is already open."""
    details = page.locator("details", has=page.get_by_text(summary, exact=True))
    if details.get_attribute("open") is None:
        page.get_by_text(summary, exact=True).click()


def _sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()


def test_an_author_drafts_fails_the_checklist_fixes_it_and_publishes(
    page, issuer, issuer_admin, tmp_path
):
    badge = tmp_path / "badge.png"
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), (31, 95, 168)).save(buffer, format="PNG")
    badge.write_bytes(buffer.getvalue())
    _sign_in(page, issuer_admin)

    page.get_by_role("link", name="Authoring").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Exit Tickets That Inform Teaching")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_role("heading", name="Exit Tickets That Inform Teaching")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("the quality checklist has 8 open item(s)")).to_be_visible()
    expect(page.get_by_text("Missing: A badge image")).to_be_attached()
    assert_accessible(page)

    details = page.get_by_role("region", name="Details")
    details.get_by_label("Competency statement").fill(
        "The educator uses exit tickets to check understanding and plans the next lesson from them."
    )
    details.get_by_label("Key method").fill("Write, collect, sort and respond to exit tickets.")
    details.get_by_label("Supporting research").fill("Formative assessment raises achievement.")
    details.get_by_label("Fee").fill("0")
    details.get_by_label("Credit amount").fill("1")
    details.get_by_label("Credit unit").fill("CPD credit")
    details.get_by_label("Approving authority").fill("Lakeside Teaching Institute")
    details.get_by_label("Badge image").set_input_files(str(badge))
    details.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Details saved.")).to_be_visible()

    _open(page, "Add a requirement")
    page.get_by_label("Requirement title").fill("Exit tickets and plan")
    page.get_by_label("Instructions to the earner").fill("Upload ten sorted exit tickets.")
    page.get_by_label("File upload").check()
    page.get_by_role("button", name="Add requirement").click()
    expect(page.get_by_text("Requirement added.")).to_be_visible()

    _open(page, "Add a criterion to “Exit tickets and plan”")
    page.get_by_label("Criterion (required)", exact=True).fill("Tickets sorted")
    page.get_by_label("What Met looks like").fill("Tickets are sorted by understanding.")
    page.get_by_role("button", name="Add criterion").click()
    expect(page.get_by_text("Criterion added.")).to_be_visible()

    _open(page, "Add a resource")
    page.get_by_label("Resource title").fill("Black and Wiliam (1998), Inside the Black Box")
    page.get_by_role("button", name="Add resource").click()

    _open(page, "Add an alignment")
    page.get_by_label("Framework (required)").fill("ISTE Standards for Educators")
    page.get_by_label("Code", exact=True).fill("2.7.b")
    page.get_by_label("Standard (required)").fill("Formative and summative assessments")
    page.get_by_role("button", name="Add alignment").click()
    expect(page.get_by_text("Alignment added.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published. It is now in the public catalog.")).to_be_visible()

    page.goto("/catalog/?q=exit+tickets")
    expect(page.get_by_role("link", name="Exit Tickets That Inform Teaching")).to_be_visible()
    assert_accessible(page)
