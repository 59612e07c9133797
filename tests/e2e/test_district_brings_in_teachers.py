"""A district brings in its teachers from its own pages: the admin uploads a CSV list, reads
the dry run, sends the invitations; a teacher signs up from the mailed link, lands in the
district and asks it to sponsor a fee, which the admin approves. An educator with no
district asks to join one from their profile, and the admin approves. No page is the
Django admin; every page passes axe and fits a 375-pixel phone."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from microcred.accounts.models import Membership, Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.payments.models import SponsorshipRequest
from microcred.submissions.tests.factories import SubmissionFactory, enrollment_for

from .conftest import assert_accessible, link_in_mail

PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}
TEACHERS = (
    "e-mail,name,role\n"
    "ana.lopez@example.org,Ana López,Educator\n"
    "sam.lee@example.org,Sam Lee,educator\n"
    "not-an-address,Nobody,educator\n"
    "ANA.LOPEZ@example.org,Ana again,educator\n"
    "kim.ng@example.org,Kim Ng,Facilitator\n"
).encode()


def _sign_in(new_page, user, **options):
    page = new_page(viewport=PHONE, **options)
    _watch_for_admin(page)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _watch_for_admin(page):
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    page.visited = visited


def _no_admin(*pages):
    for page in pages:
        assert not [url for url in page.visited if "/admin/" in url], page.visited


def _check(page):
    """axe clean and no sideways scrolling on a phone."""
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_district_invites_teachers_from_a_csv_and_sponsors_a_fee(
    new_page, district, issuer, issuer_admin
):
    admin = MembershipFactory(
        organization=district, role=Role.ORG_ADMIN, user__name="Dana District"
    ).user

    page = _sign_in(new_page, admin)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=f"Members: {district.name}"
    ).click()
    expect(page.get_by_role("heading", name=f"Members — {district.name}", level=1)).to_be_visible()
    _check(page)
    page.get_by_role("link", name="Invite many people from a CSV file").click()
    expect(page.get_by_text("At most 10,000 people and 5 MB per file")).to_be_visible()
    _check(page)

    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "teachers.csv", "mimeType": "text/csv", "buffer": TEACHERS}]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check before sending")).to_be_visible()
    skipped = page.get_by_role("region", name="2 rows skipped")
    expect(skipped.get_by_text("Row 4: Bad e-mail")).to_be_visible()
    expect(skipped.get_by_text("Row 5: Duplicate in the file")).to_be_visible()
    expect(skipped.get_by_text("Same e-mail as row 2; only row 2 counts.")).to_be_visible()
    assert len(mail.outbox) == 0
    _check(page)

    page.get_by_role("button", name="Send 3 invitations").click()
    expect(page.get_by_text("3 invitations sent. 2 rows skipped.")).to_be_visible()
    expect(page.get_by_role("heading", name="Invitations sent")).to_be_visible()
    _check(page)
    page.get_by_role("link", name="See the pending invitations").click()
    pending = page.get_by_role("region", name="Pending invitations")
    for email in ("ana.lopez@example.org", "sam.lee@example.org", "kim.ng@example.org"):
        expect(pending.get_by_role("button", name=f"Send again to {email}")).to_be_visible()
    _check(page)

    invitation_mail = next(m for m in mail.outbox if m.to == ["ana.lopez@example.org"])
    teacher = new_page(viewport=PHONE)
    _watch_for_admin(teacher)
    # The mail's link is made from BASE_URL; the live server listens elsewhere.
    teacher.goto(urlsplit(link_in_mail(invitation_mail)).path)
    expect(teacher.get_by_role("heading", name=f"Invitation to {district.name}")).to_be_visible()
    _check(teacher)
    teacher.get_by_label("Full name").fill("Ana López")
    teacher.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    teacher.get_by_label("Password again (required)").fill(PASSWORD)
    teacher.get_by_role("button", name="Make my account and accept").click()
    expect(
        teacher.get_by_text(f"Welcome to {district.name}. You are now educator.")
    ).to_be_visible()
    _check(teacher)
    teacher.get_by_role("link", name=re.compile("Your profile")).click()
    expect(teacher.get_by_role("heading", name="Your profile", level=1)).to_be_visible()
    expect(teacher.get_by_text(re.compile(f"Your district: {district.name}"))).to_be_visible()
    _check(teacher)

    ana = Membership.objects.get(organization=district, role=Role.EARNER).user
    submission = SubmissionFactory(
        enrollment=enrollment_for(
            ana, issuer_admin=issuer_admin, micro_credential__issuer=issuer, title="Exit Tickets"
        )
    )
    teacher.goto(reverse("submissions:detail", args=[submission.reference]))
    fee_box = teacher.locator("#fee")
    fee_box.get_by_label("District", exact=True).select_option(label=district.name)
    fee_box.get_by_role("button", name=re.compile("sponsor", re.I)).click()
    expect(teacher.get_by_role("status")).to_contain_text(re.compile("sponsor", re.I))
    _check(teacher)

    page.goto(reverse("payments:fees", args=[district.slug]))
    page.get_by_role("button", name=re.compile("Approve.*Ana López")).click()
    expect(page.get_by_role("status")).to_contain_text(re.compile("told", re.I))
    _check(page)
    assert SponsorshipRequest.objects.get().status == "approved"
    _no_admin(page, teacher)


def test_an_educator_asks_to_join_and_the_admin_approves_without_javascript(new_page, district):
    admin = MembershipFactory(
        organization=district, role=Role.ORG_ADMIN, user__name="Dana District"
    ).user
    educator = UserFactory(name="Noor Newcomer")

    me = _sign_in(new_page, educator)
    me.get_by_role("link", name=re.compile("Your profile")).click()
    expect(me.get_by_text("You do not belong to a district yet.", exact=False)).to_be_visible()
    _check(me)
    me.get_by_label("Your district's name").fill(district.name.split()[0])
    me.get_by_role("button", name="Find my district").click()
    _check(me)
    me.get_by_label("District (required)").select_option(label=district.name)
    me.get_by_label("Your school").fill("Hillside Elementary")
    me.get_by_label("Note to the district (optional)").fill("I teach grade 3.")
    me.get_by_role("button", name="Ask to join").click()
    expect(me.get_by_text(f"{district.name} has been asked")).to_be_visible()
    expect(me.get_by_text(f"{district.name}: Waiting for an answer")).to_be_visible()
    _check(me)

    scriptless = _sign_in(new_page, admin, java_script_enabled=False)
    scriptless.goto(reverse("people:members", args=[district.slug]))
    requests = scriptless.get_by_role("region", name="Requests to join")
    expect(requests.get_by_text("I teach grade 3.", exact=False)).to_be_visible()
    requests.get_by_role("button", name="Approve Noor Newcomer").click()
    expect(scriptless.get_by_text("Noor Newcomer is now an educator of")).to_be_visible()
    _fits(scriptless)

    # The CSV form works without JavaScript too.
    scriptless.goto(reverse("people:list_upload", args=[district.slug]))
    scriptless.get_by_label("CSV file").set_input_files(
        files=[
            {
                "name": "more.csv",
                "mimeType": "text/csv",
                "buffer": b"email,name,role\nlee@example.org,Lee,educator\n",
            }
        ]
    )
    scriptless.get_by_role("button", name="Check the file").click()
    scriptless.get_by_role("button", name="Send 1 invitation").click()
    expect(scriptless.get_by_text("1 invitation sent.")).to_be_visible()
    _fits(scriptless)

    me.reload()
    expect(me.get_by_text(re.compile(f"Your district: {district.name}"))).to_be_visible()
    expect(me.get_by_text("School: Hillside Elementary")).to_be_visible()
    _check(me)
    assert Membership.objects.filter(user=educator, organization=district, role="earner").exists()
    _no_admin(me, scriptless)
