"""Micro-credentials published on their own, outside any stack."""

from .credits import STATE_RECERTIFICATION
from .literacy import READING_ROCKETS
from .organizations import PRAIRIE_CENTER
from .schema import Criterion, MicroCredential, Requirement, Resource
from .standards import intasc, iste

FAMILY_COMMUNICATION = MicroCredential(
    title="Two-Way Communication With Families",
    summary=(
        "Set up regular communication with families that invites them to tell you about "
        "their child, not only to receive news from school."
    ),
    competency=(
        "The educator establishes regular two-way communication with every family in a "
        "class, in the families' preferred languages and channels, and uses what families "
        "share to inform teaching."
    ),
    key_method=(
        "Ask families at the start of the year how, when and in which language they want to "
        "hear from you, send short regular updates with an easy way to reply, hold at least "
        "one conversation with each family, and act on what you learn."
    ),
    components=(
        "A survey of each family's preferred language, channel and times",
        "Short, regular updates that end with a question families can answer",
        "One conversation with every family in the first term",
        "A record of what families shared and what you did with it",
    ),
    research=(
        "Henderson and Mapp's review of research on family and community connections (2002) "
        "concluded that family engagement is associated with higher achievement, better "
        "attendance and better behaviour for students from families of all backgrounds, "
        "particularly when schools build trusting relationships and link engagement to "
        "learning. Communication that runs in both directions, in the family's language, is "
        "where that engagement starts."
    ),
    resources=(
        Resource(
            "Colorín Colorado",
            "https://www.colorincolorado.org/",
            note="Guidance on working with the families of English language learners.",
        ),
        Resource(
            "A New Wave of Evidence (Henderson and Mapp, 2002)",
            note="The research review on family engagement and student achievement.",
        ),
        READING_ROCKETS,
    ),
    requirements=(
        Requirement(
            "Family preferences and updates",
            "Upload your family survey, a summary of the responses and three updates you sent.",
            ("file", "link"),
            (
                Criterion(
                    "Every family asked",
                    "The survey reached every family, in the languages they use.",
                ),
                Criterion(
                    "Two-way",
                    "The updates invite a reply and go out through each family's preferred "
                    "channel.",
                ),
            ),
        ),
        Requirement(
            "Conversations and action",
            "Describe what you learned in your conversations with families, without names, "
            "and two changes you made to your teaching as a result.",
            ("text",),
            (
                Criterion(
                    "Reach",
                    "Conversations took place with at least nine in ten families.",
                ),
                Criterion(
                    "Acted on",
                    "Two specific changes follow from what families shared.",
                ),
            ),
        ),
    ),
    alignments=(
        intasc(10, "Leadership and Collaboration"),
        iste(
            "2.4.d",
            "Demonstrate cultural competency when communicating with students, parents and "
            "colleagues and interact with them as co-collaborators in student learning.",
        ),
    ),
    fee="0",
    credit=STATE_RECERTIFICATION,
    hours="10",
    grades=("k-2", "3-5", "6-8", "9-12"),
    topics=("Family engagement",),
)

# (issuer, micro-credential, badge colour)
MICRO_CREDENTIALS = ((PRAIRIE_CENTER, FAMILY_COMMUNICATION, (141, 94, 60)),)
