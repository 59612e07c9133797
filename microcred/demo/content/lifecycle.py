"""Micro-credentials at other points of their life: a draft, one in review, a revision, and
the facilitated cohorts authors run."""

from .credits import clock_hours
from .inclusive_design import FIRM_GOALS
from .mathematics import NCTM, NUMBER_TALKS, YOUCUBED
from .mathematics import STACK as MATHEMATICS
from .organizations import LAKEVIEW, OPEN_PRACTICE
from .remote_learning import LIVE_SESSIONS, PREDICTABLE_WEEK
from .schema import (
    Cohort,
    Criterion,
    Draft,
    MicroCredential,
    Requirement,
    Revision,
    reflection,
)
from .standards import math_practice

# Only begun: no method, rubric, resources, badge, fee or credit yet.
DRAFT = Draft(
    issuer=LAKEVIEW,
    title="Classroom Podcasting",
    summary="Plan and publish a short podcast episode in which students explain what they learned.",
    competency=(
        "The educator guides students to plan, record and publish a short audio episode that "
        "explains a concept from the unit to an audience outside the class."
    ),
)

MATHEMATICS_JOURNALS = MicroCredential(
    title="Mathematics Journals",
    summary=(
        "Use short, regular writing prompts in which students explain their mathematical "
        "reasoning in words, pictures and symbols."
    ),
    competency=(
        "The educator uses regular journal prompts in which students explain and justify "
        "their mathematical reasoning in writing, and responds to the entries in ways that "
        "move students' thinking forward."
    ),
    key_method=(
        "Pose a weekly prompt that asks students to explain why and not only how, model a "
        "strong entry, answer entries with questions, and have students revise one entry a "
        "month."
    ),
    components=(
        "Prompts that ask for explanation and justification",
        "A modelled example entry",
        "Written questions from the teacher in response",
        "A monthly revision of one entry",
    ),
    research=(
        "Writing an explanation makes students' reasoning visible to themselves and to the "
        "teacher. Research on self-explanation finds that learners who explain the steps of a "
        "solution to themselves understand it better and transfer it more readily than those "
        "who do not, and journal entries give the teacher a steady stream of evidence for "
        "formative assessment."
    ),
    resources=(NCTM, YOUCUBED),
    requirements=(
        Requirement(
            "Prompts and model entry",
            "Upload four weekly prompts and the model entry you shared with students.",
            ("file", "text"),
            (
                Criterion(
                    "Prompts ask why",
                    "Each prompt asks students to explain or justify, not only to compute.",
                ),
                Criterion(
                    "Model entry",
                    "The model entry shows what a clear explanation with evidence looks like.",
                ),
            ),
        ),
        Requirement(
            "Entries and responses",
            "Share entries from three students across a month, with names removed, and your "
            "written responses.",
            ("file",),
            (
                Criterion(
                    "Students justify",
                    "Later entries give reasons for the steps taken, not only the steps.",
                ),
                Criterion(
                    "Responses move thinking",
                    "The teacher's responses ask questions that push the reasoning further.",
                ),
            ),
        ),
        reflection("how students' written explanations changed over the month."),
    ),
    alignments=(
        math_practice(3, "Construct viable arguments and critique the reasoning of others"),
    ),
    fee="25",
    credit=clock_hours("10"),
    hours="10",
    grades=("3-5", "6-8"),
    topics=("Classroom discussion",),
)

# (issuer, micro-credential, badge colour): complete and waiting for quality review.
IN_REVIEW = ((OPEN_PRACTICE, MATHEMATICS_JOURNALS, MATHEMATICS.colour),)

# Version 2 adds students recording their own strategies. An earner who started version 1
# keeps it.
REVISION = Revision(
    micro_credential=NUMBER_TALKS,
    summary=(
        "Build number sense and flexible strategies through short daily discussions of "
        "mental mathematics, with students recording and comparing their own strategies."
    ),
    components=(
        *NUMBER_TALKS.components,
        "Students recording their own and a classmate's strategy in a number talk notebook",
    ),
    new_criteria=(
        (
            "Number talk recording",
            Criterion(
                "Students compare",
                "Students say how two of the strategies shared are alike or different.",
            ),
        ),
    ),
    earners_on_first_version=("earner3",),
)

COHORTS = (
    # Finished: ran last term.
    Cohort(PREDICTABLE_WEEK, starts_in_days=-150, weeks=8, enrollment_days=45, capacity=25),
    # Open for enrollment now.
    Cohort(LIVE_SESSIONS, starts_in_days=21, weeks=8, enrollment_days=60, capacity=25),
    # Enrollment opens later.
    Cohort(FIRM_GOALS, starts_in_days=100, weeks=10, enrollment_days=45, capacity=30),
)
