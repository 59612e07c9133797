"""An issuer admin drafts a micro-credential, fails the checklist, fixes it and publishes."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from microcred.catalog.tests.factories import TopicFactory

from .conftest import assert_accessible


def _open(page, summary: str):
    """Unfold a <details> section by its summary, unless it is already open."""
    details = page.locator("details", has=page.get_by_text(summary, exact=True))
    if details.get_attribute("open") is None:
        page.get_by_text(summary, exact=True).click()


def _sign_in(page, user):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _badge_png(tmp_path):
    badge = tmp_path / "badge.png"
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), (31, 95, 168)).save(buffer, format="PNG")
    badge.write_bytes(buffer.getvalue())
    return badge


def _checklist_item(page, label: str):
    checklist = page.get_by_role("region", name="Quality checklist")
    return checklist.get_by_role("listitem").filter(has_text=label)


def test_an_author_drafts_fails_the_checklist_fixes_it_and_publishes(
    page, issuer, issuer_admin, tmp_path
):
    TopicFactory(name="Assessment", slug="assessment")
    badge = _badge_png(tmp_path)
    _sign_in(page, issuer_admin)

    page.get_by_role("link", name="Authoring").click()
    expect(page).to_have_title("Authoring workspace · microcred")
    assert_accessible(page)
    page.get_by_label("Title").fill("Exit Tickets That Inform Teaching")
    page.get_by_role("button", name="Create draft").click()
    expect(
        page.get_by_role("heading", name=re.compile("^Exit Tickets That Inform Teaching"), level=1)
    ).to_be_visible()
    expect(page.get_by_text("Draft created.")).to_be_visible()
    assert_accessible(page)

    details = page.get_by_role("region", name="Details")
    details.get_by_label("Summary").fill("Short end-of-lesson checks that shape tomorrow's lesson.")
    details.get_by_label("Competency statement").fill(
        "The educator uses exit tickets to check understanding and plans the next lesson from them."
    )
    details.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Details saved.")).to_be_visible()

    page.get_by_role("button", name="Publish").click()
    expect(
        page.get_by_text(
            re.compile(r"Not yet: \d+ items of the quality checklist are still missing")
        )
    ).to_be_visible()
    for missing in ("A competency statement and key method", "A badge image", "A fee (0 if free)"):
        expect(_checklist_item(page, missing)).to_contain_text("Missing:")
    expect(_checklist_item(page, "A badge image")).to_contain_text("Upload a square PNG or JPEG.")
    assert_accessible(page)

    details = page.get_by_role("region", name="Details")
    details.get_by_label("Key method").fill("Write, collect, sort and respond to exit tickets.")
    details.get_by_label("Supporting research").fill("Formative assessment raises achievement.")
    details.get_by_label("Fee").fill("0")
    details.get_by_label("Credit amount").fill("1")
    details.get_by_label("Credit unit").fill("CPD credit")
    details.get_by_label("Approving authority").fill("Lakeside Teaching Institute")
    details.get_by_role("group", name="Topics").get_by_label("Assessment").check()
    details.get_by_label("Badge image").set_input_files(str(badge))
    details.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Details saved.")).to_be_visible()
    for done in ("A competency statement and key method", "A badge image", "A fee (0 if free)"):
        expect(_checklist_item(page, done)).to_contain_text("Done:")

    _open(page, "Add a requirement")
    page.get_by_label("Requirement title").fill("Exit tickets and plan")
    page.get_by_label("Instructions to the earner").fill("Upload ten sorted exit tickets.")
    page.get_by_role("group", name="Accepted evidence").get_by_label("File upload").check()
    page.get_by_role("group", name="Accepted evidence").get_by_label("Reflection").check()
    page.get_by_role("button", name="Add requirement").click()
    expect(page.get_by_text("Requirement added.")).to_be_visible()
    expect(page.get_by_text("Accepted evidence: File upload, Reflection")).to_be_visible()

    _open(page, "Add a criterion to “Exit tickets and plan”")
    page.get_by_label("Criterion (required)", exact=True).fill("Tickets sorted")
    page.get_by_label("What Met looks like").fill("Tickets are sorted by understanding.")
    page.get_by_role("button", name="Add criterion").click()
    expect(page.get_by_text("Criterion added.")).to_be_visible()

    _open(page, "Add a resource")
    page.get_by_label("Resource title").fill("Black and Wiliam (1998), Inside the Black Box")
    page.get_by_role("button", name="Add resource").click()
    expect(page.get_by_text("Resource added.")).to_be_visible()

    _open(page, "Add an alignment")
    page.get_by_label("Framework (required)").fill("ISTE Standards for Educators")
    page.get_by_label("Code", exact=True).fill("2.7.b")
    page.get_by_label("Standard (required)").fill("Formative and summative assessments")
    page.get_by_role("button", name="Add alignment").click()
    expect(page.get_by_text("Alignment added.")).to_be_visible()
    expect(page.get_by_role("region", name="Quality checklist")).not_to_contain_text("Missing:")
    assert_accessible(page)

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published. It is now in the public catalog.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Published")

    page.goto("/catalog/?q=exit+tickets")
    expect(page.get_by_role("heading", name="1 micro-credential")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Exit Tickets That Inform Teaching").click()
    expect(
        page.get_by_role("heading", name="Exit Tickets That Inform Teaching", level=1)
    ).to_be_visible()
    expect(
        page.get_by_role("img", name="Badge for Exit Tickets That Inform Teaching")
    ).to_be_visible()
    rubric = page.get_by_role("table", name="Rubric for “Exit tickets and plan”")
    expect(rubric.get_by_role("rowheader", name="Tickets sorted")).to_be_visible()
    expect(page.get_by_text("Free", exact=True)).to_be_visible()
    assert_accessible(page)
