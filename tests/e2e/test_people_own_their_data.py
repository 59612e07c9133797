"""People own their data, in real browsers on a 375-pixel phone: an earner downloads
everything the platform holds about them from their profile, then deletes their account;
the badge page still verifies their award and no longer names them. A state admin reads
educators counted by district, opens one educator's record for a stated reason, and sees
the opening in the record of openings. Every page passes axe; none is the Django admin."""

import io
import json
import re
import zipfile

from playwright.sync_api import expect

from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from microcred.credentials.issuing import batch_signing
from microcred.credentials.models import Award
from microcred.credentials.tests.factories import reviewed_submission

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}
TITLE = "Cold Calling With Care"


def _sign_in(new_page, user):
    page = new_page(viewport=PHONE)
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    page.visited = visited
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _check(page):
    """axe clean and no sideways scrolling on a phone."""
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _no_admin(page):
    assert not [url for url in page.visited if "/admin/" in url], page.visited


def test_an_earner_downloads_their_data_then_deletes_their_account(
    new_page, earner, issuer, issuer_admin
):
    submission = reviewed_submission(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, title=TITLE
    )
    batch_signing.sign_pending()
    award = Award.objects.get(submission=submission)

    me = _sign_in(new_page, earner)
    me.get_by_role("link", name=re.compile(f"Your profile: {earner.name}")).click()
    data = me.get_by_role("region", name="Your data")
    expect(data).to_be_visible()
    _check(me)
    with me.expect_download() as download:
        data.get_by_role("button", name="Download my data (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    assert json.loads(archive.read("account.json"))["email"] == earner.email
    assert json.loads(archive.read("awards.json"))[0]["title"] == TITLE

    data.get_by_role("link", name="Delete my account").click()
    expect(me.get_by_role("heading", name="Delete your account", level=1)).to_be_visible()
    expect(me.get_by_text(re.compile("stays? verifiable"))).to_be_visible()
    _check(me)
    me.get_by_label("Your password").fill("not my password")
    me.get_by_role("button", name="Delete my account").click()
    expect(me.get_by_text("That is not your password. Nothing was deleted.")).to_be_visible()
    _check(me)
    me.get_by_label("Your password").fill(PASSWORD)
    me.get_by_role("button", name="Delete my account").click()
    expect(me.get_by_text(re.compile("Your account is deleted"))).to_be_visible()
    expect(me.get_by_role("link", name="Sign in")).to_be_visible()
    _check(me)
    _no_admin(me)

    me.goto(award.get_absolute_url())
    expect(me.get_by_role("heading", name=re.compile("Verified"))).to_be_visible()
    expect(me.get_by_text(re.compile("Former member"))).to_be_visible()
    expect(me.get_by_text(earner.name)).to_have_count(0)
    _check(me)


def test_a_state_admin_reads_counts_and_opens_one_record_for_a_reason(new_page, earner, district):
    state = OrganizationFactory(kind=Organization.Kind.STATE, name="Summit State Department")
    district.parent = state
    district.save(update_fields=["parent"])
    for n in range(10):
        MembershipFactory(organization=district, role=Role.EARNER, user__name=f"Teacher {n}")
    admin_user = UserFactory(name="Sol Stateadmin")
    MembershipFactory(user=admin_user, organization=state, role=Role.ORG_ADMIN)

    admin = _sign_in(new_page, admin_user)
    admin.get_by_role("navigation", name="Main").get_by_role(
        "link", name=f"Educators: {state.name}"
    ).click()
    expect(admin.get_by_role("heading", name=f"Educators of {state.name}")).to_be_visible()
    row = admin.get_by_role("row", name=re.compile(district.name))
    # On a phone each cell is read with its column's name, as it is shown.
    expect(row.get_by_role("cell", name=re.compile(r"^(Educators )?11$"))).to_be_visible()
    expect(admin.get_by_text("Teacher 0")).to_have_count(0)
    expect(admin.get_by_text(earner.email)).to_have_count(0)
    _check(admin)

    admin.get_by_label("The educator's e-mail address").fill(earner.email)
    admin.get_by_role("button", name="Open the record").click()
    expect(admin.get_by_text(re.compile("Say why you are opening this record"))).to_be_visible()
    _check(admin)
    admin.get_by_label("Why you are opening this record").fill("Recertification credit check")
    admin.get_by_role("button", name="Open the record").click()
    expect(
        admin.get_by_role("heading", name=f"Transcript of credits: {earner.name}")
    ).to_be_visible()
    expect(admin.get_by_text(re.compile("Recertification credit check"))).to_be_visible()
    _check(admin)

    admin.get_by_role("link", name=f"Educators of {state.name}").click()
    admin.get_by_role("link", name=f"Every record opened at {state.name}").click()
    expect(
        admin.get_by_text(re.compile(f"Sol Stateadmin opened the record of {earner.name}"))
    ).to_be_visible()
    _check(admin)
    _no_admin(admin)
