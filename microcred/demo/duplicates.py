"""Near-duplicate evidence in the demo: a lightly edited copy of another earner's answers,
flagged for Lakeview's issuer admin, and a co-planned pair that declared its shared work
and is not flagged.

All three earners take "Co-Planning With a Special Educator". Maya Okafor and Jordan
Blake planned the unit together and name each other as collaborators; Daniel Reyes sends
Maya's answers with a few words changed and declares nobody. Each attempt is submitted
through the services and checked at once, so the flag is there as soon as the demo is
loaded. Nothing is made when Maya already holds this micro-credential.
"""

from __future__ import annotations

from django.utils.text import slugify

from microcred.backpack import services as backpack
from microcred.backpack.models import Enrollment
from microcred.submissions import services as submissions
from microcred.submissions.duplicates.services import check_submission

from . import images
from .content import inclusive_design

ROLES = (
    "For each lesson we chose a co-teaching approach before writing the activities. In the "
    "two lessons on reading primary sources we used station teaching: my co-teacher ran the "
    "vocabulary station with pre-taught terms and picture supports, I ran the source "
    "analysis station, and a third station was independent practice with audio versions of "
    "the texts. For the lesson on writing a claim we used parallel teaching, splitting the "
    "class in half so that students 4, 9 and 17 could rehearse their sentence frames aloud "
    "in a smaller group before writing."
)
REFLECTION = (
    "Planning together changed who the unit was designed for. In earlier years the "
    "accommodations were added after the lessons were written, and my co-teacher spent "
    "most of the period walking between desks. This time the IEP goals were on the map "
    "before we chose any activity, and students 9 and 17 met their writing goal for the "
    "first time this year. The review meeting showed that the audio texts helped more "
    "students than we expected, so we will offer them to the whole class next unit."
)
# Daniel's copy: Maya's answers with a few words changed.
ROLES_COPY = (
    "For each lesson we picked a co-teaching approach before writing the activities. In the "
    "two lessons on reading primary sources we used station teaching: my co-teacher ran the "
    "vocabulary station with pre-taught words and picture supports, I ran the source "
    "analysis station, and a third station was independent practice with audio versions of "
    "the texts. For the lesson on writing an argument we used parallel teaching, splitting "
    "the class in half so that students 3, 8 and 15 could rehearse their sentence frames "
    "aloud in a smaller group before writing."
)
REFLECTION_COPY = (
    "Planning together changed who the unit was designed for. In previous years the "
    "accommodations were added after the lessons were written, and my co-teacher spent "
    "most of the class walking between desks. This time the IEP goals were on the map "
    "before we chose any activity, and students 8 and 15 met their writing goal for the "
    "first time this year. The review meeting showed that the audio texts helped more "
    "students than we expected, so we will offer them to the whole class next unit."
)
# Jordan wrote up the same co-planned unit from the other side of the table.
ROLES_PARTNER = (
    "For each lesson we chose a co-teaching approach before writing the activities. In the "
    "two lessons on reading primary sources we used station teaching: I ran the vocabulary "
    "station with pre-taught terms and picture supports, my co-teacher ran the source "
    "analysis station, and a third station was independent practice with audio versions of "
    "the texts. For the lesson on writing a claim we used parallel teaching, splitting the "
    "class in half so that students 4, 9 and 17 could rehearse their sentence frames aloud "
    "in a smaller group before writing."
)
REFLECTION_PARTNER = (
    "As the special educator on the team, I usually meet a unit when it is already written. "
    "Mapping the IEP goals before choosing activities meant I could argue for audio texts "
    "and sentence frames as part of the lesson rather than as an exception for a few "
    "students. My main lesson is about roles: in station teaching I led instruction for "
    "the first time in this class instead of circulating, and students treated me as one "
    "of their teachers."
)
SHARED_NOTE = (
    "We co-planned the unit and co-taught it in one class. Each of us wrote our own account "
    "of the roles and our own reflection."
)


def add(loader) -> None:
    """Make the three attempts and check them, unless they were made before."""
    mc = loader.catalog.get(slugify(inclusive_design.CO_PLANNING.title))
    maya, daniel, jordan = (loader.people[k] for k in ("earner", "earner2", "earner5"))
    if mc is None or Enrollment.objects.filter(earner=maya, micro_credential=mc).exists():
        return
    attempts = [
        _submit(loader, mc, maya, ROLES, REFLECTION, partner=jordan),
        _submit(loader, mc, jordan, ROLES_PARTNER, REFLECTION_PARTNER, partner=maya),
        _submit(loader, mc, daniel, ROLES_COPY, REFLECTION_COPY),
    ]
    for submission in attempts:
        check_submission(submission.pk)


def _submit(loader, mc, earner, roles: str, reflection: str, *, partner=None):
    enrollment = backpack.enroll(mc, by=earner)
    submission = submissions.start_attempt(enrollment, by=earner)
    for requirement in enrollment.version.requirements.all():
        if "reflection" in requirement.evidence_types:
            submissions.save_text(
                submission, requirement, by=earner, kind="reflection", text=reflection
            )
        elif "text" in requirement.evidence_types:
            submissions.save_text(submission, requirement, by=earner, kind="text", text=roles)
        else:
            upload = images.evidence_pdf(
                requirement.title,
                [enrollment.version.title, "", f"Planning record {submission.reference}"],
            )
            submissions.add_file(submission, requirement, by=earner, upload=upload)
    if partner is not None:
        submissions.declare_collaboration(
            submission,
            by=earner,
            collaborated=True,
            note=SHARED_NOTE,
            collaborators=[{"name": partner.name, "email": partner.email}],
        )
    loader._settle(enrollment)
    return submissions.submit(submission, by=earner)
