"""Calibration content for "Protecting Student Data Privacy": anchor submissions with the
experts' scores and reasons, and how the demo's assessors scored them.

An anchor joins one written answer per requirement; each answer carries the experts'
verdict and reason for the criteria of its requirement.
"""

from dataclasses import dataclass

from .digital_citizenship import STUDENT_PRIVACY

MICRO_CREDENTIAL = STUDENT_PRIVACY

DATA = "Data practices identified"
LAW = "Law and policy applied"
DECISION = "Reasoned decision"
PLAIN = "Plain language"


@dataclass(frozen=True)
class Answer:
    requirement: str
    text: str
    # criterion name -> (met, the experts' reason)
    verdicts: dict


REVIEW_THOROUGH = Answer(
    "Tool review",
    "Tool 1, a quiz app for my fourth graders. It collects each student's name, class code "
    "and answers; it shares them with no one but its hosting company, named in the policy, "
    "and deletes accounts 60 days after the school year closes. The district lists it as "
    "approved. My students are 9 and 10, so COPPA applies: the vendor signs the district's "
    "data agreement and the school consents for families, which the policy allows.\n\n"
    "Tool 2, a free comic-strip site. It asks for a name and e-mail, shares usage data with "
    "advertising partners and keeps it 'as long as necessary'. It is not on the district "
    "list, and it collects personal information from children under 13 without a school "
    "agreement, so it does not meet COPPA or our policy.",
    {
        DATA: (True, "Both tools: what is collected, who receives it and for how long."),
        LAW: (
            True,
            "COPPA is applied to nine- and ten-year-olds, with the school consent route "
            "named, and the district list is checked for both tools.",
        ),
    },
)
REVIEW_LAW_MISSED = Answer(
    "Tool review",
    "Tool 1, a reading-log app for my third grade. It collects names, reading minutes and "
    "book titles, shares them with its analytics provider and keeps them for three years. "
    "Tool 2, a slideshow maker: names and uploaded images, no sharing beyond hosting, "
    "deleted on request.\n\n"
    "COPPA is about social media, so it does not apply to classroom apps. Both tools have "
    "privacy policies, which is what FERPA asks for.",
    {
        DATA: (True, "Collection, sharing and retention are stated for both tools."),
        LAW: (
            False,
            "Third graders are under 13, so COPPA does apply to these apps, and a privacy "
            "policy alone does not satisfy FERPA. The district list is never checked.",
        ),
    },
)
REVIEW_VAGUE = Answer(
    "Tool review",
    "Tool 1, a flashcard app, and Tool 2, a class discussion board. Both collect some "
    "student information and have standard privacy policies. Both are on the district's "
    "approved list. My students are in high school, all over 13, so COPPA does not apply; "
    "both tools are used under the district's FERPA agreements as school officials.",
    {
        DATA: (
            False,
            "'Some student information' and 'standard policies' do not say what is "
            "collected, who receives it or how long it is kept.",
        ),
        LAW: (
            True,
            "Correct: COPPA does not reach students over 13, and the school-official route "
            "under FERPA is named along with district approval.",
        ),
    },
)
REVIEW_THIN = Answer(
    "Tool review",
    "I use a polling app and a video site. They are popular with teachers at my school and "
    "my students enjoy them. I have never had a problem with either.",
    {
        DATA: (False, "No data practice of either tool is described."),
        LAW: (False, "Neither FERPA, COPPA nor district policy is mentioned."),
    },
)
NOTE_CLEAR = Answer(
    "Decision and family note",
    "Decision: keep the quiz app; stop using the comic-strip site and use the district's "
    "approved drawing tool instead.\n\n"
    "Note to families: This year your child uses a quiz app in class. It keeps your child's "
    "name and answers so I can see what to reteach, shares them with no advertisers, and "
    "deletes them in the summer. We stopped using a comic website because it shared "
    "information with advertisers. Questions are always welcome.",
    {
        DECISION: (
            True,
            "Each decision follows from the review, and the replacement for the dropped "
            "tool is named.",
        ),
        PLAIN: (True, "Short sentences that say what is kept, why, and for how long."),
    },
)
NOTE_JARGON = Answer(
    "Decision and family note",
    "Decision: use Tool 1; use Tool 2 only with student accounts created by the school, "
    "never with personal e-mail.\n\n"
    "Note to families: Our instructional technology ecosystem is compliant with FERPA and "
    "COPPA. PII is processed by vetted third-party operators under DPAs with appropriate "
    "retention schedules.",
    {
        DECISION: (True, "The decisions follow from the review and name the condition of use."),
        PLAIN: (
            False,
            "Acronyms and legal terms, with no word on what data is used or why: families "
            "could not act on this note.",
        ),
    },
)
NOTE_UNREASONED = Answer(
    "Decision and family note",
    "Decision: use both tools, since the students like them.\n\n"
    "Note to families: We use two apps in class. One keeps your child's name and answers "
    "so I can see progress. The other also shares some use information with other "
    "companies. Please ask me if you have questions.",
    {
        DECISION: (
            False,
            "The review found advertising partners and no district approval, yet the "
            "decision keeps the tool without conditions or reasons from the review.",
        ),
        PLAIN: (True, "Plain, honest sentences about what each app keeps and shares."),
    },
)


@dataclass(frozen=True)
class Anchor:
    title: str
    answers: tuple
    rationale: str


STRONG = Anchor(
    "Strong review, clear note",
    (REVIEW_THOROUGH, NOTE_CLEAR),
    "A complete example of Met: every criterion is shown plainly in the evidence.",
)
LAW_MISSED = Anchor(
    "Right data, wrong law",
    (REVIEW_LAW_MISSED, NOTE_JARGON),
    "A careful inventory of data does not make up for misreading COPPA, and a note in "
    "legal shorthand does not reach families.",
)
VAGUE = Anchor(
    "Vague review, clear note",
    (REVIEW_VAGUE, NOTE_CLEAR),
    "The law is applied well, but the review never says what the tools do with data.",
)
UNREASONED = Anchor(
    "Good review, decision ignores it",
    (REVIEW_THOROUGH, NOTE_UNREASONED),
    "The review finds the problem and the decision walks past it.",
)
THIN = Anchor(
    "Popular tools, no review",
    (REVIEW_THIN, NOTE_JARGON),
    "Not met throughout: liking a tool is not a privacy review.",
)
STRONG_JARGON = Anchor(
    "Strong review, jargon note",
    (REVIEW_THOROUGH, NOTE_JARGON),
    "Met except the family note, which only specialists could read.",
)
LAW_MISSED_CLEAR = Anchor(
    "Wrong law, clear note",
    (REVIEW_LAW_MISSED, NOTE_CLEAR),
    "The note is fine; the legal reading under it is not.",
)

# (set name, anchors); a new assessor passes at the platform's pass mark (80%).
SETS = (
    ("Calibration set 1", (STRONG, LAW_MISSED)),
    ("Calibration set 2", (VAGUE, UNREASONED)),
)
# In calibrated assessors' live queues now and then; never in a calibration set.
LIVE = (THIN, STRONG_JARGON, LAW_MISSED_CLEAR)


@dataclass(frozen=True)
class NewAssessor:
    key: str
    name: str


CALIBRATED = NewAssessor("assessor-new", "Ravi Menon")  # failed set 1, passed set 2
FLAGGED = NewAssessor("assessor-drifting", "Dana Whitfield")  # passed, then drifted
WAITING = NewAssessor("assessor-waiting", "Lena Novak")  # in the pool, yet to calibrate
NEW_ASSESSORS = (CALIBRATED, FLAGGED, WAITING)

# How each assessor scored: the (anchor title, criterion) pairs they scored against the
# experts; everything else they scored as the experts did.
CALIBRATION = {
    CALIBRATED.key: (
        ("Calibration set 1", {(LAW_MISSED.title, LAW), (LAW_MISSED.title, PLAIN)}),
        ("Calibration set 2", set()),
    ),
    FLAGGED.key: (("Calibration set 1", set()),),
}
# Live anchors per assessor key (the experienced demo assessors and the new ones).
LIVE_SCORING = {
    "assessor": {THIN.title: set(), STRONG_JARGON.title: set(), LAW_MISSED_CLEAR.title: set()},
    "assessor2": {
        THIN.title: set(),
        STRONG_JARGON.title: {PLAIN},
        LAW_MISSED_CLEAR.title: set(),
    },
    "assessor3": {
        THIN.title: {PLAIN},
        STRONG_JARGON.title: set(),
        LAW_MISSED_CLEAR.title: {LAW},
    },
    CALIBRATED.key: {THIN.title: set(), STRONG_JARGON.title: {PLAIN}},
    FLAGGED.key: {
        THIN.title: {DATA, LAW, PLAIN},
        STRONG_JARGON.title: {DATA, PLAIN},
        LAW_MISSED_CLEAR.title: {LAW, DECISION},
    },
}
