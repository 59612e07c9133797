"""Assessors never learn who the earner is: a crawl of everything an assessor can reach."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from microcred.assessment import assign
from microcred.assessment.models import Assignment
from microcred.catalog.models import Requirement
from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import enrollment_for

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
    for name, data in (("plan.pdf", _pdf_with_author()), ("board.jpg", _jpeg_with_exif())):
        submissions.add_file(
            submission, requirement, by=earner, upload=SimpleUploadedFile(name, data)
        )
    submissions.submit(submission, by=earner)
    return submission


def _assert_blind(content: bytes, where: str):
    text = content.decode("latin-1").lower()
    for marker in MARKERS:
        assert marker.lower() not in text, f"{marker!r} leaked in {where}"


def test_nothing_an_assessor_can_reach_names_the_earner(client, marked_submission):
    mc = marked_submission.enrollment.micro_credential
    qualified_assessor(mc), qualified_assessor(mc)
    assign.sweep()
    assignment = Assignment.objects.filter(submission=marked_submission).first()
    client.force_login(assignment.assessor.user)

    seen, queue = set(), ["/assessor/", "/notifications/", "/backpack/", "/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        # Reading a streamed body to the end closes it (the client closes it for us then).
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_blind(body, url)
        if response.get("Content-Type", "").startswith("text/html"):
            for link in re.findall(
                r'href="(/(?:assessor|notifications|submissions)[^"#]*)"', body.decode()
            ):
                queue.append(link)
    client.post(f"/assessor/reviews/{assignment.pk}/accept/")
    review_page = client.get(f"/assessor/reviews/{assignment.pk}/")
    _assert_blind(review_page.content, "the review page")
    files = re.findall(
        r'href="(/assessor/reviews/\d+/evidence/\d+/)"', review_page.content.decode()
    )
    assert len(files) == 2
    for url in files:
        _assert_blind(client.get(url).content, url)
