"""Credit for recertification, in real browsers: the earner downloads the certificate of
what they earned from the backpack and pulls a transcript of credits for a date range;
their district's admin opens their record on the educators page, with a reason, and pulls the
same transcript."""

import re

from playwright.sync_api import expect

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.credentials.models import Award
from microcred.credentials.tests.factories import reviewed_submission

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
TITLE = "Digital Citizenship Norms"


def _sign_in(new_page, user):
    page = new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def test_earner_and_district_admin_pull_certificate_and_transcript(
    new_page, earner, district, issuer, issuer_admin
):
    earner.name = "Zoë Ångström-Núñez"
    earner.save(update_fields=["name"])
    submission = reviewed_submission(
        earner,
        issuer_admin=issuer_admin,
        micro_credential__issuer=issuer,
        title=TITLE,
        credit_amount="0.5",
        credit_unit="state recertification credit",
        credit_authority="Summit State Department of Education",
    )
    award = Award.objects.get(submission=submission)

    me = _sign_in(new_page, earner)
    me.get_by_role("navigation", name="Main").get_by_role("link", name="Backpack").click()
    with me.expect_download() as download:
        me.get_by_role("link", name=f"Certificate for {TITLE} (PDF)").click()
    assert download.value.suggested_filename == f"certificate-{award.public_id}.pdf"

    me.get_by_role("link", name="Transcript of credits (PDF or CSV)").click()
    expect(me.get_by_role("heading", name="Transcript of credits", level=1)).to_be_visible()
    assert_accessible(me)
    me.get_by_label("From").fill("2010-01-01")
    me.get_by_role("button", name="Make the transcript").click()
    expect(me.get_by_role("alert")).to_contain_text("at most 10 years")
    assert_accessible(me)

    me.get_by_label("From").fill("2020-01-01")
    me.get_by_role("button", name="Make the transcript").click()
    awards = me.get_by_role("region", name=re.compile("Awards from"))
    expect(awards.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(awards.get_by_text("0.5 state recertification credit").first).to_be_visible()
    assert_accessible(me)
    me.get_by_label("PDF").check()
    with me.expect_download() as download:
        me.get_by_role("button", name="Make the transcript").click()
    assert download.value.suggested_filename.endswith(".pdf")

    colleague = UserFactory(name="Priya Colleague")
    MembershipFactory(user=colleague, organization=district, role=Role.EARNER)
    admin_user = UserFactory(name="Robert District")
    MembershipFactory(user=admin_user, organization=district, role=Role.ORG_ADMIN)
    admin = _sign_in(new_page, admin_user)
    admin.get_by_role("navigation", name="Main").get_by_role(
        "link", name=f"Educators: {district.name}"
    ).click()
    expect(admin.get_by_role("heading", name=f"Educators of {district.name}")).to_be_visible()
    expect(admin.get_by_text("Priya Colleague")).to_have_count(0)
    expect(admin.get_by_role("cell", name="fewer than 10").first).to_be_visible()
    assert_accessible(admin)
    admin.get_by_label("The educator's e-mail address").fill(earner.email)
    admin.get_by_label("Why you are opening this record").fill("Recertification credit check")
    admin.get_by_role("button", name="Open the record").click()
    expect(
        admin.get_by_role("heading", name=f"Transcript of credits: {earner.name}")
    ).to_be_visible()
    admin.get_by_label("CSV (spreadsheet)").check()
    with admin.expect_download() as download:
        admin.get_by_role("button", name="Make the transcript").click()
    assert download.value.suggested_filename.endswith(".csv")
    assert TITLE in download.value.path().read_text(encoding="utf-8")
