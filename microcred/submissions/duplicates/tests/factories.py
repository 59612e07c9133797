"""Earners, attempts and evidence for the duplicate checks, made through the services."""

from __future__ import annotations

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from microcred.accounts.tests.factories import UserFactory
from microcred.backpack.models import Enrollment
from microcred.catalog.models import MicroCredentialVersion
from microcred.submissions import services
from microcred.submissions.models import Submission

# Exit tickets, written three ways: one teacher's account, the same account lightly
# edited by someone else, and another teacher's own account of the same practice.
ORIGINAL = (
    "I used exit tickets at the end of every lesson for three weeks in my seventh grade "
    "science class. Each ticket asked one question about the main idea of the lesson and "
    "one question about what still felt confusing. After school I sorted the tickets into "
    "three piles: got it, partly there, and not yet. The next morning I started class with "
    "the students in the not yet pile at the back table, where I retaught the idea with a "
    "different model while the others began the warm-up. By the third week the not yet pile "
    "had shrunk from nine students to three, and the questions on the confusing side of the "
    "ticket had become much more specific, which told me students were learning to name "
    "what they did not understand."
)
LIGHTLY_EDITED = (
    "I used exit tickets at the end of each lesson for three weeks in my eighth grade "
    "science class. Every ticket asked one question about the main idea of the lesson and "
    "one question about what still felt confusing. After school I sorted the tickets into "
    "three piles: got it, partly there, and not yet. The next day I started class with "
    "the students in the not yet pile at the back table, where I retaught the idea with a "
    "different model while the others began the warm-up. By the third week the not yet pile "
    "had shrunk from eleven students to four, and the questions on the confusing side of the "
    "ticket had become far more specific, which showed me students were learning to name "
    "what they did not understand."
)
INDEPENDENT = (
    "My fourth graders answer a short exit slip before they line up for lunch. I write two "
    "prompts on the board, one that checks today's skill and one that invites them to rate "
    "their confidence from one to four. I read the slips during my planning period and "
    "group the class for the afternoon: children who rated themselves a one or two, or who "
    "missed the skill question, join me for a ten minute small group, and the rest move on "
    "to independent practice. Over a month I noticed that the confidence ratings did not "
    "always match the answers. A few confident students kept making the same subtraction "
    "error, so I started reading the answers before the ratings and adjusted the groups."
)
ANOTHER_INDEPENDENT = (
    "In my high school English classes exit tickets took the form of a single sentence "
    "response to the day's essential question, written on a sticky note and placed on the "
    "door on the way out. I photographed the door, typed the responses into a spreadsheet "
    "and tagged each one as surface level, developing or insightful. Seeing the whole class "
    "at once helped me notice patterns I had missed when grading essays: students were "
    "confident summarizing a text but rarely connected it to their own experience. I "
    "changed my discussion plans to include a personal connection question every Friday."
)


def enroll(earner, version: MicroCredentialVersion) -> Enrollment:
    return Enrollment.objects.create(
        earner=earner, micro_credential=version.micro_credential, version=version
    )


def submitted(
    version: MicroCredentialVersion,
    *,
    earner=None,
    text: str = "",
    files=(),
    collaborators=(),
) -> Submission:
    """An attempt with a written answer and files, sent for review."""
    earner = earner or UserFactory()
    enrollment = Enrollment.objects.filter(earner=earner, version=version).first() or enroll(
        earner, version
    )
    submission = services.start_attempt(enrollment, by=earner)
    requirement = version.requirements.first()
    if text:
        services.save_text(submission, requirement, by=earner, kind="text", text=text)
    for upload in files:
        services.add_file(submission, requirement, by=earner, upload=upload)
    if collaborators:
        services.declare_collaboration(
            submission,
            by=earner,
            collaborated=True,
            note="We planned the unit together and each taught it to our own class.",
            collaborators=[{"name": c.name, "email": c.email} for c in collaborators],
        )
    services.submit(submission, by=earner)
    return submission


def photo(seed: int = 1, size=(640, 480)) -> Image.Image:
    """A picture with the structure of a classroom photo: light, shade and shapes."""
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    width, height = size
    for x in range(width):
        shade = int(90 + 120 * x / width)
        draw.line([(x, 0), (x, height)], fill=(shade, shade - 30, 200 - shade // 2))
    for _ in range(12):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        x1, y1 = x0 + rng.randrange(40, 260), y0 + rng.randrange(40, 200)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)([x0, y0, x1, y1], fill=colour)
    return image


def upload(image: Image.Image, *, name="classroom.jpg", fmt="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
