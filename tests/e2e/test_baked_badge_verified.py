"""A baked badge from the badge page to a verifier, in a real browser: the earner downloads
the badge image carrying the signed credential and the Open Badges 2.0 badge for an older
backpack, and the verifier page reads each of them from the image alone."""

import re

from playwright.sync_api import expect

from microcred.credentials.models import Award
from microcred.credentials.tests.factories import reviewed_submission

from .conftest import assert_accessible

TITLE = "Wait Time That Deepens Answers"


def test_earner_downloads_baked_badges_and_the_verifier_reads_them(
    new_page, earner, issuer, issuer_admin
):
    submission = reviewed_submission(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, title=TITLE
    )
    award = Award.objects.get(submission=submission)

    anyone = new_page()
    anyone.goto(award.get_absolute_url())
    downloads = anyone.get_by_role("region", name="Download the credential")
    with anyone.expect_download() as baked_credential:
        downloads.get_by_role(
            "link", name="Download the badge image with the credential (PNG)"
        ).click()
    assert baked_credential.value.suggested_filename == f"{award.public_id}-credential.png"
    with anyone.expect_download() as baked_assertion:
        downloads.get_by_role("link", name="Download the Open Badges 2.0 badge (PNG)").click()
    assert_accessible(anyone)

    anyone.goto("/verify/")
    anyone.get_by_label("Credential file").set_input_files(baked_credential.value.path())
    anyone.get_by_role("button", name="Verify", exact=True).click()
    result = anyone.get_by_role("region", name=re.compile("Verified"))
    expect(result).to_be_visible()
    expect(
        result.get_by_text("An Open Badges 3.0 credential baked into a PNG image.")
    ).to_be_visible()
    expect(result.get_by_text(TITLE)).to_be_visible()
    assert_accessible(anyone)

    anyone.get_by_label("Credential file").set_input_files(baked_assertion.value.path())
    anyone.get_by_role("button", name="Verify", exact=True).click()
    result = anyone.get_by_role("region", name=re.compile("Verified"))
    expect(result).to_be_visible()
    expect(result.get_by_text("The baked assertion is the one its issuer hosts.")).to_be_visible()
    assert_accessible(anyone)
