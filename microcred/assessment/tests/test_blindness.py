"""Assessors never learn who the earner is: a crawl of everything an assessor can reach."""

import html
import io
import re
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from microcred.assessment import selectors
from microcred.assessment.models import Assignment, Decision
from microcred.assessment.services import assign, reviews
from microcred.catalog.models import Requirement, RubricCriterion
from microcred.coaching import services as coaching
from microcred.coaching.tests.factories import (
    CohortFactory,
    cohort_draft,
    facilitator_of,
    two_part_version,
)
from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import enrollment_for
from microcred.support import services as support

from .factories import qualified_assessor

pytestmark = pytest.mark.django_db

NAME = "Zelda Quixotic-Marker"
EMAIL = "zelda.marker.7f3a@example.org"
DISTRICT = "Marker Valley Unified 9d2c"
SCHOOL = "Marker Elementary 4b1e"
MARKERS = (NAME, EMAIL, DISTRICT, SCHOOL, "Zelda", "Quixotic")


def _pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": NAME, "/Title": f"{SCHOOL} lesson plan", "/Creator": EMAIL})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (32, 32), (200, 80, 40))
    exif = Image.Exif()
    exif[0x013B] = NAME  # Artist
    exif[0x010E] = f"{SCHOOL}, {DISTRICT}"  # ImageDescription
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def _docx_with_author() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document>Exit ticket tally</w:document>")
        archive.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{NAME}</dc:creator><cp:lastModifiedBy>{EMAIL}</cp:lastModifiedBy>"
            "</cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml", f"<Properties><Company>{DISTRICT}</Company></Properties>"
        )
    return buffer.getvalue()


@pytest.fixture
def marked_submission(issuer, issuer_admin):
    district = OrganizationFactory(kind="district", name=DISTRICT)
    earner = UserFactory(name=NAME, email=EMAIL, school=SCHOOL)
    MembershipFactory(user=earner, organization=district, role=Role.EARNER)
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    requirement = Requirement.objects.get(version=enrollment.version)
    requirement.evidence_types = ["file", "text"]
    requirement.save()
    submission = submissions.start_attempt(enrollment, by=earner)
    submissions.save_text(
        submission, requirement, by=earner, kind="text", text="We ran the protocol twice."
    )
    # Earners name files after themselves and their school; the names stay theirs.
    for name, data in (
        (f"{NAME} plan.pdf", _pdf_with_author()),
        (f"{SCHOOL} board.jpg", _jpeg_with_exif()),
        (f"{DISTRICT}/{EMAIL}.docx", _docx_with_author()),
    ):
        submissions.add_file(
            submission, requirement, by=earner, upload=SimpleUploadedFile(name, data)
        )
    submissions.submit(submission, by=earner)
    return submission


def _texts(content: bytes):
    """The bytes as served, and every member of a served archive inflated."""
    yield content
    if content[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member in archive.infolist():
                yield member.filename.encode() + archive.read(member)


def _assert_blind(content: bytes, where: str):
    for part in _texts(content):
        text = part.decode("latin-1").lower()
        for marker in MARKERS:
            assert marker.lower() not in text, f"{marker!r} leaked in {where}"


# Followed links that end the session or change the language rather than show something.
NOT_FOLLOWED = re.compile(r"^/(accounts/logout|i18n/|static/)")
LINK = re.compile(r'(?:href|src|action|hx-get)="(/[^"#]*)"')


def _crawl(client, where: str) -> set[str]:
    """Every page, fragment and file reachable by GET from the assessor's start pages."""
    seen: set[str] = set()
    queue = ["/", "/assessor/", "/notifications/", "/backpack/", "/catalog/", "/accounts/email/"]
    while queue:
        url = queue.pop()
        if url in seen or NOT_FOLLOWED.match(url) or len(seen) > 400:
            continue
        seen.add(url)
        response = client.get(url)
        # Reading a streamed body to the end closes it (the client closes it for us then).
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_blind(body, f"{url} ({where})")
        if response.status_code in (301, 302, 303):
            queue.append(response["Location"])
        if response.get("Content-Type", "").startswith("text/html"):
            queue.extend(html.unescape(link) for link in LINK.findall(body.decode()))
    return seen


def test_nothing_an_assessor_can_reach_names_the_earner(
    client, marked_submission, django_capture_on_commit_callbacks
):
    mc = marked_submission.enrollment.micro_credential
    qualified_assessor(mc), qualified_assessor(mc)
    with django_capture_on_commit_callbacks(execute=True):
        assign.sweep()
    first, second = Assignment.objects.filter(submission=marked_submission).order_by("label")
    client.force_login(first.assessor.user)
    review = f"/assessor/reviews/{first.pk}/"

    _crawl(client, "offered")
    client.post(f"/assessor/reviews/{first.pk}/accept/")
    reached = _crawl(client, "accepted") | {review}
    _assert_blind(client.get(review).content, "the review page")
    files = {url for url in reached if re.fullmatch(rf"{review}evidence/\d+/", url)}
    assert len(files) == 3
    for url in files:
        _assert_blind(client.get(url).content, url)

    criteria = RubricCriterion.objects.filter(requirement__version_id=mc.current_version_id)
    form = {f"criterion-{c.pk}": "not_met" for c in criteria}
    form |= {f"feedback-{c.pk}": "Show the tally." for c in criteria}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {**form, "overall_comment": "Thank you."})
        reviews.record_review(
            second,
            by=second.assessor.user,
            scores={c.pk: (False, "Show the tally.") for c in criteria},
            overall_comment="Thank you.",
        )
    assert Decision.objects.filter(submission=marked_submission).exists()
    _crawl(client, "decided")
    for url in files:
        _assert_blind(client.get(url).content, f"{url} (decided)")
    for message in mail.outbox:
        if message.to == [first.assessor.user.email]:
            _assert_blind(f"{message.subject}\n{message.body}".encode(), "a mail to the assessor")


def test_the_review_packet_names_files_by_their_kind_not_as_the_earner_did(marked_submission):
    mc = marked_submission.enrollment.micro_credential
    qualified_assessor(mc), qualified_assessor(mc)
    assign.sweep()
    assignment = Assignment.objects.filter(submission=marked_submission).first()

    packet = selectors.review_packet(assignment)

    names = [item.name for _r, _c, evidence in packet.requirements for item in evidence]
    assert names == ["Written answer", "File 1 (PDF)", "File 2 (JPG)", "File 3 (DOCX)"]


def test_the_crawl_would_see_a_name_inside_a_compressed_document():
    with pytest.raises(AssertionError, match="leaked"):
        _assert_blind(_docx_with_author(), "an unclean document")


COACHING = "Coaching note 4f7e: try the fishbowl"
REPLY = "Earner reply 8c1d: will do"
TICKET = "Ticket text 2b9a: my voucher"


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_coaching_and_tickets_never_reach_the_assessor(
    client, issuer, issuer_admin, django_capture_on_commit_callbacks
):
    facilitator = facilitator_of(issuer, name="Hattie Coachfacilitator")
    version = two_part_version(issuer_admin, issuer)
    cohort = CohortFactory(micro_credential=version.micro_credential, facilitator=facilitator)
    earner = UserFactory(name=NAME, email=EMAIL, school=SCHOOL)
    draft = cohort_draft(earner, cohort)
    requirements = list(version.requirements.order_by("position"))
    coaching.comment(draft, requirements[0], by=facilitator, body=COACHING)
    coaching.comment(draft, requirements[0], by=earner, body=REPLY)
    for requirement in requirements[1:]:
        submissions.save_text(draft, requirement, by=earner, kind="text", text="Done.")
    support.open_ticket(draft, by=earner, subject="Voucher", body=TICKET)
    submissions.submit(draft, by=earner)
    qualified_assessor(version.micro_credential), qualified_assessor(version.micro_credential)
    with django_capture_on_commit_callbacks(execute=True):
        assign.sweep()
    assignment = Assignment.objects.filter(submission=draft).first()
    client.force_login(assignment.assessor.user)
    client.post(f"/assessor/reviews/{assignment.pk}/accept/")

    reached = _crawl(client, "coached") | {f"/assessor/reviews/{assignment.pk}/"}

    # The crawl does read the evidence the coaching sat beside.
    assert (
        b"We tried the fishbowl protocol."
        in client.get(f"/assessor/reviews/{assignment.pk}/").content
    )
    secrets = (COACHING, REPLY, TICKET, "Hattie", "Coachfacilitator")
    for url in reached:
        body = _body(client.get(url)).decode("latin-1")
        for secret in secrets:
            assert secret not in body, f"{secret!r} reached the assessor at {url}"
    packet = selectors.review_packet(assignment)
    assert COACHING not in repr(packet)
    for message in mail.outbox:
        if message.to == [assignment.assessor.user.email]:
            assert COACHING not in message.body


ANCHOR_MARKERS = ("anchor", "Copied from a real", "Spring exemplar 5c2d", "rationale 8e4f")


def test_nothing_an_assessor_can_reach_tells_a_live_anchor_from_a_review(
    client, settings, marked_submission, issuer_admin, django_capture_on_commit_callbacks
):
    """An anchor copied from a real submission, in a live queue: the crawl finds neither
    the earner it came from nor any sign that it is an anchor."""
    from microcred.assessment import calibration

    settings.ANCHOR_LIVE_PERCENT = 50
    mc = marked_submission.enrollment.micro_credential
    criteria = RubricCriterion.objects.filter(requirement__version_id=mc.current_version_id)
    calibration.write_anchor(
        mc,
        by=issuer_admin,
        title="Spring exemplar 5c2d",
        rationale="Overall rationale 8e4f.",
        expert={c.pk: (True, "Criterion rationale 8e4f.") for c in criteria},
        copy_from=marked_submission,
    )
    qualified_assessor(mc), qualified_assessor(mc)
    with django_capture_on_commit_callbacks(execute=True):
        assign.sweep()
    placement = Assignment.objects.filter(anchor__isnull=False).first()
    client.force_login(placement.assessor.user)

    reached = _crawl(client, "with an anchor offered")
    client.post(f"/assessor/reviews/{placement.pk}/accept/")
    reached |= _crawl(client, "with an anchor accepted")

    assert f"/assessor/reviews/{placement.pk}/" in reached
    for url in reached:
        if NOT_FOLLOWED.match(url):
            continue
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("latin-1").lower()
        for marker in ANCHOR_MARKERS:
            assert marker.lower() not in text, f"{marker!r} shows on {url}"
