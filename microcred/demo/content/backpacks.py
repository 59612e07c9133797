"""What the demo earners have in their backpacks, and what they and the assessors wrote.

Evidence never names the earner, their school or their students: assessors review blind.
"""

from . import coaching as co
from . import digital_citizenship as dc
from . import inclusive_design as ud
from . import literacy as li
from . import mathematics as ma
from . import project_based_learning as pb
from . import remote_learning as rl
from . import social_emotional_learning as se
from . import standalone as sa
from .schema import Step

JOURNEYS = {
    # A middle-school teacher: one stack complete, one half way, a revision under way.
    "earner": (
        Step(dc.EVALUATING_SOURCES, "met", earned_days_ago=168),
        Step(dc.STUDENT_PRIVACY, "met", earned_days_ago=141),
        Step(dc.CYBERBULLYING, "met", earned_days_ago=112),
        Step(dc.FAIR_USE, "met", earned_days_ago=84),
        Step(dc.DIGITAL_FOOTPRINT, "met", earned_days_ago=57),
        Step(rl.PREDICTABLE_WEEK, "met", earned_days_ago=33),
        Step(rl.FEEDBACK_ONLINE, "met", earned_days_ago=12),
        Step(rl.ACCESSIBLE_MATERIALS, "in_review"),
        Step(rl.LIVE_SESSIONS, "enrolled", in_cohort=True),
        Step(
            ma.NUMBER_TALKS,
            "not_met",
            gap=(
                "Think time and all answers",
                "In the recording the first correct answer is accepted and explained straight "
                "away, so the other students stop thinking. Collect several answers, "
                "including wrong ones, before anyone explains.",
            ),
            revising=True,
        ),
    ),
    # A high-school teacher working through the project-based learning stack in order.
    "earner2": (
        Step(pb.DRIVING_QUESTION, "met", earned_days_ago=120),
        Step(pb.PROJECT_CALENDAR, "met", earned_days_ago=61),
        Step(
            pb.VOICE_AND_CHOICE,
            "withdrawn",
            reason="I want to add the team conferences from my second class before it is reviewed.",
        ),
        Step(dc.EVALUATING_SOURCES, "met", earned_days_ago=28),
        Step(ma.RICH_TASKS, "enrolled"),
        # Sent after the demo's last sweep: it waits for its assessors.
        Step(sa.FAMILY_COMMUNICATION, "submitted"),
    ),
    # An elementary teacher on the early literacy route; she started Number Talks before
    # its second version was published.
    "earner3": (
        Step(li.PHONEMIC_AWARENESS, "met", earned_days_ago=150),
        Step(li.PHONICS, "met", earned_days_ago=96),
        Step(li.FLUENCY, "in_review"),
        Step(li.VOCABULARY, "enrolled", ask_district=True),
        Step(ma.NUMBER_TALKS, "enrolled"),
    ),
    # An early-childhood teacher.
    "earner4": (
        Step(li.PHONEMIC_AWARENESS, "met", earned_days_ago=45),
        Step(se.MORNING_MEETING, "met", earned_days_ago=74),
        Step(se.SELF_REGULATION, "draft"),
        Step(ud.FIRM_GOALS, "enrolled"),
    ),
    # A teacher leader preparing to coach, three steps into the coaching stack.
    "earner5": (
        Step(co.PARTNERSHIP, "met", earned_days_ago=131),
        Step(co.COACHING_GOAL, "met", earned_days_ago=99),
        Step(co.MODELING, "met", earned_days_ago=68),
        Step(co.OBSERVATION, "draft"),
        Step(rl.LIVE_SESSIONS, "enrolled", in_cohort=True),
    ),
}

# Written answers, in turn, for requirements that accept text.
WRITTEN = (
    "I taught this over three weeks with two sections of the same course. The attached "
    "notes show what I planned, what happened in each lesson and what I changed after the "
    "first week, when it was clear that several students needed the steps modelled a second "
    "time. Students are identified by number throughout.",
    "I planned this with my grade-level team and tried it first with a small group before "
    "using it with the whole class. The evidence includes my planning notes, the materials "
    "students used and a summary of their responses, with names removed.",
    "Here is a summary of what I did and what I saw. In the first week about half of the "
    "class used the routine without prompting; by the third week it was all but three "
    "students, and I describe below what I tried with those three.",
)

REFLECTIONS = (
    "Before this I assumed my quieter students simply had less to say. The evidence showed "
    "otherwise: when they had time to think and a low-stakes way to answer first, several of "
    "them gave the most careful responses in the class. Student 7 wrote more in the shared "
    "document than in any written task this year. I will keep the think time and the written "
    "first response, and next I want to find out why two students still opted out.",
    "What surprised me most was how much the students noticed about their own progress once "
    "it was visible to them. Comparing the first and last work samples, most students "
    "improved on both criteria; four did not, and their work suggests they needed the model "
    "again rather than more practice. Next term I will build a second model lesson into the "
    "unit for the students who need it.",
    "The change that mattered most was small: one predictable routine. Students spent less "
    "time asking what to do and more time doing it, and the questions they did ask were about "
    "the content. The data from the check in week three showed the students who were still "
    "struggling, and I will contact their families earlier next time.",
)

LINK = "https://example.org/portfolio/{slug}/{n}"

SPONSORSHIP_NOTE = (
    "This micro-credential is in my professional growth plan for the year, agreed with my "
    "principal."
)

MET_COMMENTS = (
    "Clear evidence that this practice is part of your teaching. The student work shows the "
    "effect as well as the plan.",
    "Every criterion is met. Your reflection is specific about what changed for students, "
    "which made the evidence easy to follow.",
    "A well-organized submission. The before-and-after evidence made the impact plain; thank "
    "you for the care you took with student privacy.",
)
SPLIT_COMMENT = (
    "Most of this is in place. One criterion is not yet shown in the evidence; see the note "
    "beside it."
)
NOT_MET_COMMENT = (
    "A strong start, and the planning is careful. The recording does not yet show one part "
    "of the practice; revise with the feedback on that criterion and submit again."
)
