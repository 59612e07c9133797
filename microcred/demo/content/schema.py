"""The shapes the demo content is written in.

Plain, frozen records: the loader turns each one into the service calls an author would
make in the authoring workspace.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Credit:
    amount: str
    unit: str
    authority: str


@dataclass(frozen=True)
class Criterion:
    name: str
    met: str  # what Met looks like


@dataclass(frozen=True)
class Requirement:
    title: str
    instructions: str
    evidence: tuple[str, ...]  # any of: file, link, text, reflection
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Resource:
    title: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Standard:
    framework: str
    code: str
    name: str
    url: str = ""


@dataclass(frozen=True)
class MicroCredential:
    title: str
    summary: str
    competency: str
    key_method: str
    components: tuple[str, ...]
    research: str
    resources: tuple[Resource, ...]
    requirements: tuple[Requirement, ...]
    alignments: tuple[Standard, ...]
    fee: str
    credit: Credit
    hours: str
    grades: tuple[str, ...]
    topics: tuple[str, ...] = ()  # finer topics, beside the stack's own


@dataclass(frozen=True)
class Stack:
    title: str
    issuer: str  # organization slug
    topic: str
    colour: RGB
    description: str
    micro_credentials: tuple[MicroCredential, ...]
    ordered: bool = False
    endorsement: str = ""
    alignments: tuple[Standard, ...] = ()  # the stack's own, beside its parts'


@dataclass(frozen=True)
class Organization:
    slug: str
    name: str
    description: str = ""
    website: str = ""
    email: str = ""
    parent: str = ""  # slug of the state a district belongs to


@dataclass(frozen=True)
class Person:
    key: str  # the local part of the demo e-mail address
    name: str
    school: str = ""
    memberships: tuple[tuple[str, str], ...] = ()  # (organization slug, role)
    is_staff: bool = False


@dataclass(frozen=True)
class Draft:
    """A micro-credential an author has only begun: it fails the quality checklist."""

    issuer: str
    title: str
    summary: str
    competency: str


@dataclass(frozen=True)
class Revision:
    """A second version of a published micro-credential, published over the first."""

    micro_credential: MicroCredential
    summary: str
    components: tuple[str, ...]
    new_criteria: tuple[tuple[str, Criterion], ...]  # (requirement title, criterion)
    earners_on_first_version: tuple[str, ...]  # person keys, enrolled before the revision


@dataclass(frozen=True)
class Cohort:
    micro_credential: MicroCredential
    starts_in_days: int  # negative: already started
    weeks: int
    enrollment_days: int  # how long enrollment stays open before the start
    capacity: int


@dataclass(frozen=True)
class Step:
    """One micro-credential in a demo earner's backpack and how far the earner got."""

    micro_credential: MicroCredential
    # enrolled, draft, submitted, in_review, met, not_met or withdrawn
    outcome: str
    earned_days_ago: int = 0
    in_cohort: bool = False
    # For not_met: the criterion the assessors found missing, their feedback, and whether
    # the earner has started revising.
    gap: tuple[str, str] = ("", "")
    revising: bool = False
    # For an unpaid fee: ask the earner's district to pay it, and leave the request open.
    ask_district: bool = False
    reason: str = ""


def reflection(focus: str, *, also: tuple[str, ...] = ()) -> Requirement:
    """The closing reflection every issuer in the demo asks for, with its two criteria."""
    return Requirement(
        title="Reflection",
        instructions=(
            f"In 50 to 500 words, reflect on {focus} Refer to specific students or "
            "student work (without names), and say what you will keep, change or try next."
        ),
        evidence=("reflection", *also),
        criteria=(
            Criterion(
                "Evidence of impact",
                "The reflection ties the change in practice to specific evidence from "
                "students: their work, their participation or their own words.",
            ),
            Criterion(
                "Next step",
                "The reflection names a concrete next step grounded in what the evidence "
                "showed, not a general intention.",
            ),
        ),
    )
