"""What the demo cohort's earners drafted, what their facilitator wrote, and the tickets
earners opened. Nothing here names a student."""

from dataclasses import dataclass

from .remote_learning import ACCESSIBLE_MATERIALS, LIVE_SESSIONS
from .standalone import FAMILY_COMMUNICATION

COHORT_MICRO_CREDENTIAL = LIVE_SESSIONS.title
PLAN_LINK = "https://example.org/portfolio/live-sessions/plan-{n}"

FIRST_DRAFT_NOTE = "A session plan and a first participation record; rough is fine."
SUBMIT_NOTE = "Submit once the reflection is written; I read drafts until the day before."


@dataclass(frozen=True)
class Draft:
    comment_on_plan: str
    record: str = ""
    comment_on_record: str = ""
    reply: str = ""


DRAFTS = {
    "earner": Draft(
        comment_on_plan=(
            "The segments are clear. Write the minutes beside each one, and say which "
            "structure the breakout uses; the rubric looks for two different structures."
        ),
        record=(
            "Tracker from the Tuesday session: 21 of 26 students contributed at least once, "
            "14 of them in the chat first."
        ),
        comment_on_record=(
            "Good numbers. Note where you gave think time before taking answers, even as a "
            "line in the tracker, so the second criterion is visible."
        ),
        reply="Thank you. I will add the timings and redo the tracker after next week.",
    ),
    "earner5": Draft(
        comment_on_plan=(
            "The norms read like yours rather than the students'. Say how students helped to "
            "set or review them; a photo of the co-written list would do."
        ),
    ),
    "earner3": Draft(
        comment_on_plan=(
            "A strong plan for a younger class. Mark how long each segment lasts; a 30-minute "
            "session is the minimum the requirement asks for."
        ),
        record="Eighteen of twenty-two students spoke or used the reaction buttons.",
    ),
    "earner4": Draft(
        comment_on_plan=(
            "Start with the norms: the plan jumps straight to the activity. Two or three "
            "student-friendly norms at the top are enough."
        ),
    ),
}


@dataclass(frozen=True)
class TicketText:
    earner: str
    micro_credential: str
    subject: str
    question: str
    answer: str
    status: str


TICKETS = (
    TicketText(
        earner="earner",
        micro_credential=ACCESSIBLE_MATERIALS.title,
        subject="Did my captions file reach the assessors?",
        question=(
            "I uploaded the lesson video and its captions as two files. The submission page "
            "lists both, but I am not sure the captions were kept. Can you check?"
        ),
        answer=(
            "Both files are in your submission and the assessors receive both. Which player "
            "did you use to test the captions? Tell us and we will check it opens the same way "
            "for them."
        ),
        status="waiting",
    ),
    TicketText(
        earner="earner5",
        micro_credential=LIVE_SESSIONS.title,
        subject="Recording too large to upload",
        question=("My five-minute excerpt is over the upload limit. Can I send it another way?"),
        answer=(
            "Yes: the participation record accepts a link. Share the recording from your "
            "school's video service with viewing rights for anyone with the link, and add the "
            "link to the requirement."
        ),
        status="solved",
    ),
)

# Waits for its review until it is late.
OVERDUE_EARNER = "earner2"
OVERDUE_MICRO_CREDENTIAL = FAMILY_COMMUNICATION.title
