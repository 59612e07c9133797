"""Loading the demo platform through the same services people use.

Idempotent: everything is looked up by a stable key (an organization's slug, a person's
e-mail, a micro-credential's address) and what exists is left as it is, so a second run
keeps whatever users did in the meantime.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from microcred.accounts.models import Membership, Organization, Role, User
from microcred.assessment import assign
from microcred.assessment import services as assessment
from microcred.assessment.models import AssessorProfile, Assignment, Qualification
from microcred.backpack import services as backpack
from microcred.catalog import services as catalog
from microcred.catalog.models import (
    Cohort,
    GradeBand,
    MicroCredential,
    Requirement,
    RubricCriterion,
    Stack,
    Topic,
)
from microcred.payments import services as payments
from microcred.payments.models import SponsorshipPolicy, VoucherBatch
from microcred.submissions import services as submissions
from microcred.submissions.models import Submission

from . import content

PASSWORD = "microcred-demo"  # noqa: S105 — printed for the demo, never used in production
DOMAIN = "demo.microcred.org"

PEOPLE = [
    # e-mail local part, name, school, roles as (organization slug, role)
    ("staff", "Sam Rivera", "", []),
    ("earner", "Maya Okafor", "Riverbend Middle School", [("riverbend-unified", Role.EARNER)]),
    (
        "earner2",
        "Daniel Reyes",
        "Cedar Hollow High School",
        [("cedar-hollow-schools", Role.EARNER)],
    ),
    ("earner3", "Priya Nair", "Riverbend Elementary", [("riverbend-unified", Role.EARNER)]),
    (
        "assessor",
        "Grace Lindqvist",
        "",
        [
            (slug, Role.ASSESSOR)
            for slug in (
                "lakeview-college-of-education",
                "prairie-state-teaching-center",
                "open-practice-network",
            )
        ],
    ),
    (
        "assessor2",
        "Tomás Herrera",
        "",
        [
            (slug, Role.ASSESSOR)
            for slug in (
                "lakeview-college-of-education",
                "prairie-state-teaching-center",
                "open-practice-network",
            )
        ],
    ),
    (
        "assessor3",
        "Aisha Bello",
        "",
        [
            (slug, Role.ASSESSOR)
            for slug in (
                "lakeview-college-of-education",
                "prairie-state-teaching-center",
                "open-practice-network",
            )
        ],
    ),
    ("facilitator", "Hannah Brooks", "", [("lakeview-college-of-education", Role.FACILITATOR)]),
    ("issuer-admin", "Olivia Chen", "", [("lakeview-college-of-education", Role.ISSUER_ADMIN)]),
    (
        "issuer-admin-prairie",
        "Marcus Webb",
        "",
        [("prairie-state-teaching-center", Role.ISSUER_ADMIN)],
    ),
    ("issuer-admin-open", "Noor Haddad", "", [("open-practice-network", Role.ISSUER_ADMIN)]),
    ("district-admin", "Robert Kim", "", [("riverbend-unified", Role.ORG_ADMIN)]),
    ("state-admin", "Elena Petrova", "", [("prairie-state-department", Role.ORG_ADMIN)]),
]

ROLE_LABELS = {
    "staff": "platform staff (Django admin)",
    "earner": "earner",
    "earner2": "earner",
    "earner3": "earner",
    "assessor": "assessor",
    "assessor2": "assessor",
    "assessor3": "assessor",
    "facilitator": "facilitator",
    "issuer-admin": "issuer admin — Lakeview College",
    "issuer-admin-prairie": "issuer admin — Prairie State center",
    "issuer-admin-open": "issuer admin — Open Practice Network",
    "district-admin": "district admin — Riverbend",
    "state-admin": "state admin — Prairie State",
}


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.created[what] = self.created.get(what, 0) + n


def email(local: str) -> str:
    return f"{local}@{DOMAIN}"


def logins() -> list[tuple[str, str, str]]:
    return [(ROLE_LABELS[local], email(local), PASSWORD) for local, *_rest in PEOPLE]


def badge_png(text: str, colour: tuple[int, int, int], *, ring: bool = False) -> SimpleUploadedFile:
    """A round badge with the initials of `text` on the stack's colour."""
    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour + (255,))
    if ring:
        draw.ellipse((40, 40, size - 40, size - 40), outline=(255, 255, 255, 255), width=10)
    initials = "".join(word[0] for word in text.split() if word[:1].isalpha())[:3].upper()
    try:
        font = ImageFont.load_default(size=120)
    except TypeError:  # Pillow without scalable default font
        font = ImageFont.load_default()
    box = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        ((size - (box[2] - box[0])) / 2 - box[0], (size - (box[3] - box[1])) / 2 - box[1]),
        initials,
        fill=(255, 255, 255, 255),
        font=font,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(f"{slugify(text)[:40]}.png", buffer.getvalue(), "image/png")


@transaction.atomic
def load() -> Report:
    report = Report()
    organizations = _organizations(report)
    people = _people(organizations, report)
    admins = {
        "lakeview-college-of-education": people["issuer-admin"],
        "prairie-state-teaching-center": people["issuer-admin-prairie"],
        "open-practice-network": people["issuer-admin-open"],
    }
    micro_credentials = _catalog(organizations, admins, report)
    _unpublished(organizations, admins, report)
    _revision(micro_credentials, admins, people, report)
    _cohorts(micro_credentials, admins, people, report)
    _assessor_pools(micro_credentials, people, report)
    _fees(organizations, admins, people, report)
    _journeys(micro_credentials, people, report)
    return report


def _organizations(report: Report) -> dict[str, Organization]:
    organizations = {}
    for issuer in content.ISSUERS:
        organizations[issuer["slug"]] = _organization(
            report, kind=Organization.Kind.ISSUER, **issuer
        )
    state = _organization(report, kind=Organization.Kind.STATE, **content.STATE)
    organizations[state.slug] = state
    for district in content.DISTRICTS:
        organizations[district["slug"]] = _organization(
            report, kind=Organization.Kind.DISTRICT, parent=state, **district
        )
    return organizations


def _organization(report: Report, *, slug: str, **fields) -> Organization:
    organization, created = Organization.objects.get_or_create(slug=slug, defaults=fields)
    if created:
        report.add("organizations")
    return organization


def _people(organizations, report: Report) -> dict[str, User]:
    people = {}
    for local, name, school, roles in PEOPLE:
        address = email(local)
        user = User.objects.filter(email=address).first()
        if user is None:
            user = User.objects.create_user(
                address,
                PASSWORD,
                name=name,
                school=school,
                is_staff=local == "staff",
                is_superuser=local == "staff",
            )
            EmailAddress.objects.create(user=user, email=address, verified=True, primary=True)
            for slug, role in roles:
                Membership.objects.create(user=user, organization=organizations[slug], role=role)
            report.add("people")
        people[local] = user
    return people


def _topic(name: str) -> Topic:
    topic, _created = Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return topic


def _catalog(organizations, admins, report: Report) -> dict[str, MicroCredential]:
    made = {}
    for stack_data in content.STACKS:
        issuer = organizations[stack_data["issuer"]]
        admin = admins[issuer.slug]
        topic = _topic(stack_data["topic"])
        members = []
        for item in stack_data["items"]:
            mc = _micro_credential(issuer, admin, item, topic, stack_data["colour"], report)
            made[mc.slug] = mc
            members.append(mc)
        if not Stack.objects.filter(slug=stack_data["slug"]).exists():
            stack = catalog.create_stack(
                issuer,
                by=admin,
                micro_credentials=members,
                title=stack_data["title"],
                description=stack_data["description"],
                is_ordered=stack_data["ordered"],
                endorsement=stack_data["endorsement"],
                image=badge_png(stack_data["title"], stack_data["colour"], ring=True),
                publish=True,
            )
            Stack.objects.filter(pk=stack.pk).update(slug=stack_data["slug"])
            report.add("stacks")
    return made


def _micro_credential(issuer, admin, item, topic, colour, report) -> MicroCredential:
    slug = slugify(item["title"])
    existing = MicroCredential.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    version = catalog.create_micro_credential(issuer, by=admin, title=item["title"])
    MicroCredential.objects.filter(pk=version.micro_credential_id).update(slug=slug)
    version.micro_credential.slug = slug
    amount, unit, authority = item["credit"]
    catalog.update_details(
        version,
        by=admin,
        summary=item["summary"],
        competency=item["competency"],
        key_method=item["key_method"],
        method_components="\n".join(item["components"]),
        research=item["research"],
        fee=Decimal(item["fee"]),
        credit_amount=Decimal(amount),
        credit_unit=unit,
        credit_authority=authority,
        estimated_hours=Decimal(item["hours"]),
        topics=[topic],
        grade_bands=list(GradeBand.objects.filter(slug__in=item["grades"])),
        image=badge_png(item["title"], colour),
    )
    for title, url in item["resources"]:
        catalog.add_resource(version, by=admin, title=title, url=url)
    for title, instructions, criteria in item["evidence"]:
        requirement = catalog.add_requirement(
            version,
            by=admin,
            title=title,
            instructions=instructions,
            evidence_types=["file", "link", "text"],
        )
        for name, met in criteria:
            catalog.add_criterion(requirement, by=admin, name=name, met_description=met)
    reflection = catalog.add_requirement(
        version,
        by=admin,
        title="Reflection",
        instructions="In 300–500 words, reflect on what you changed in your practice, what "
        "your students' work showed, and what you will do next.",
        evidence_types=["reflection"],
    )
    catalog.add_criterion(
        reflection,
        by=admin,
        name="Reflection on impact",
        met_description="The reflection connects the practice to specific evidence of "
        "student learning and names a next step.",
    )
    for framework, code, name, url in item["alignments"]:
        catalog.add_alignment(version, by=admin, framework=framework, code=code, name=name, url=url)
    catalog.publish(version, by=admin)
    report.add("micro-credentials")
    return MicroCredential.objects.select_related("current_version", "issuer").get(slug=slug)


def _unpublished(organizations, admins, report: Report) -> None:
    for item in content.UNPUBLISHED:
        if MicroCredential.objects.filter(slug=item["slug"]).exists():
            continue
        issuer = organizations[item["issuer"]]
        admin = admins[issuer.slug]
        version = catalog.create_micro_credential(issuer, by=admin, title=item["title"])
        MicroCredential.objects.filter(pk=version.micro_credential_id).update(slug=item["slug"])
        catalog.update_details(version, by=admin, summary=item["summary"])
        if item["status"] == "in_review":
            # A complete draft in review: fill what the checklist asks for first.
            catalog.update_details(
                version,
                by=admin,
                competency="The educator uses journals for students to explain their "
                "mathematical reasoning in writing.",
                key_method="Students write a weekly journal entry responding to a prompt.",
                research="Writing to learn in mathematics supports reasoning.",
                fee=Decimal("0"),
                credit_amount=Decimal("6"),
                credit_unit="clock hours",
                credit_authority="Prairie State Board of Education",
                image=badge_png(item["title"], (120, 120, 120)),
            )
            catalog.add_resource(version, by=admin, title="NCTM: writing in mathematics")
            requirement = catalog.add_requirement(
                version,
                by=admin,
                title="Journal samples",
                instructions="Upload four journal entries.",
                evidence_types=["file"],
            )
            catalog.add_criterion(
                requirement, by=admin, name="Reasoning", met_description="Entries explain why."
            )
            catalog.add_alignment(
                version,
                by=admin,
                framework=content.CCSS_M,
                code="MP3",
                name="Construct viable arguments",
            )
            catalog.submit_for_review(version, by=admin)
        report.add("unpublished micro-credentials")


def _revision(micro_credentials, admins, people, report: Report) -> None:
    """Number Talks has a second version; an earner who started the first keeps it."""
    mc = micro_credentials["number-talks"]
    if mc.versions.count() > 1:
        return
    admin = admins[mc.issuer.slug]
    backpack.enroll(mc, by=people["earner3"])
    draft = catalog.start_revision(mc, by=admin)
    catalog.update_details(
        draft,
        by=admin,
        summary="Build number sense and flexible strategies through short daily mental-math "
        "discussions, now with a student self-assessment.",
    )
    catalog.publish(draft, by=admin)
    report.add("revised micro-credentials")


def _cohorts(micro_credentials, admins, people, report: Report) -> None:
    today = timezone.localdate()
    for slug, name, start_offset in (
        ("live-sessions-where-everyone-talks", "Winter online cohort", 21),
        ("designing-a-predictable-online-week", "Fall cohort (finished)", -120),
    ):
        mc = micro_credentials[slug]
        if Cohort.objects.filter(micro_credential=mc, name=name).exists():
            continue
        start = today + timedelta(days=start_offset)
        catalog.create_cohort(
            mc,
            by=admins[mc.issuer.slug],
            name=name,
            facilitator=people["facilitator"],
            starts_on=start,
            ends_on=start + timedelta(days=56),
            enrollment_opens_on=start - timedelta(days=45),
            enrollment_closes_on=start - timedelta(days=1),
            capacity=25,
        )
        report.add("cohorts")


def _assessor_pools(micro_credentials, people, report: Report) -> None:
    for local in ("assessor", "assessor2", "assessor3"):
        profile, created = AssessorProfile.objects.get_or_create(
            user=people[local], defaults={"capacity": 25}
        )
        if created:
            Qualification.objects.bulk_create(
                [
                    Qualification(assessor=profile, micro_credential=mc)
                    for mc in micro_credentials.values()
                ]
            )
            report.add("assessors")


def _fees(organizations, admins, people, report: Report) -> None:
    for issuer in content.ISSUERS:
        organization = organizations[issuer["slug"]]
        if not VoucherBatch.objects.filter(organization=organization).exists():
            payments.create_voucher_batch(
                organization, by=admins[organization.slug], name="Pilot schools", count=30
            )
            report.add("voucher batches")
    riverbend = organizations["riverbend-unified"]
    if not VoucherBatch.objects.filter(organization=riverbend).exists():
        payments.create_voucher_batch(
            riverbend,
            by=people["district-admin"],
            name="Riverbend new teachers",
            count=10,
            uses_per_code=2,
        )
        SponsorshipPolicy.objects.get_or_create(district=riverbend)
        report.add("voucher batches")


def _answer_all(submission: Submission, requirement_text: str) -> None:
    earner = submission.enrollment.earner
    for requirement in Requirement.objects.filter(version_id=submission.enrollment.version_id):
        kind = "reflection" if "reflection" in requirement.evidence_types else "text"
        submissions.save_text(submission, requirement, by=earner, kind=kind, text=requirement_text)


def _submitted(mc, earner, text) -> Submission:
    mc = MicroCredential.objects.select_related("current_version", "issuer").get(pk=mc.pk)
    enrollment = backpack.enroll(mc, by=earner)
    if not mc.current_version.is_free:
        voucher = (
            VoucherBatch.objects.filter(organization=mc.issuer)
            .first()
            .vouchers.filter(times_used=0)
            .first()
        )
        payments.redeem_voucher(enrollment, by=earner, code=voucher.code)
    submission = submissions.start_attempt(enrollment, by=earner)
    _answer_all(submission, text)
    return submissions.submit(submission, by=earner)


def _review(submission: Submission, *, met_by: list[bool]) -> None:
    """Assign and have each assessor in turn judge: all criteria Met, or the first Not met."""
    assign.sweep()
    assignments = list(
        Assignment.objects.filter(
            submission=submission, status__in=["offered", "accepted"]
        ).order_by("label")
    )
    criteria = list(
        RubricCriterion.objects.filter(
            requirement__version_id=submission.enrollment.version_id
        ).order_by("requirement__position", "position")
    )
    gap = (
        "The plan is clear, but the evidence does not yet show it with students: add work samples."
    )
    for assignment, met in zip(assignments, met_by, strict=False):
        assessment.accept(assignment, by=assignment.assessor.user)
        scores = {c.pk: (True, "") for c in criteria}
        if not met:
            scores[criteria[0].pk] = (False, gap)
        assessment.record_review(
            assignment,
            by=assignment.assessor.user,
            scores=scores,
            overall_comment=(
                "Thank you: clear evidence that this is part of your practice."
                if met
                else "A strong start. Show the first criterion with evidence from your classroom."
            ),
        )


STORY = (
    "I planned the practice with my grade-level team and taught it over three weeks. "
    "Students' work samples and exit tickets are attached; the quieter students "
    "participated more than before, and I adjusted the routine after week one."
)


def _journeys(micro_credentials, people, report: Report) -> None:
    """Backpacks in every state: earned (a whole stack), not met after a tie-break, in
    review, waiting for assessors, a draft, in progress, withdrawn."""
    maya, daniel = people["earner"], people["earner2"]
    if Submission.objects.filter(enrollment__earner=maya).exists():
        return
    stack = Stack.objects.get(slug="digital-citizenship-in-every-classroom")
    for item in stack.items.select_related("micro_credential__current_version"):
        _review(_submitted(item.micro_credential, maya, STORY), met_by=[True, True])
    for slug in ("writing-a-driving-question", "planning-a-project-calendar"):
        _review(_submitted(micro_credentials[slug], daniel, STORY), met_by=[True, True])
    not_met = _submitted(micro_credentials["number-talks"], maya, STORY)
    _review(not_met, met_by=[True, False])  # the reviewers disagree
    _review(not_met, met_by=[False])  # the tie-break decides
    _submitted(micro_credentials["systematic-phonics-lessons"], maya, STORY)
    assign.sweep()  # in review, waiting for the assessors' reviews
    _submitted(micro_credentials["launching-rich-tasks"], daniel, STORY)  # waiting for assessors
    withdrawn = _submitted(micro_credentials["evaluating-online-sources"], daniel, STORY)
    submissions.withdraw(withdrawn, by=daniel, reason="I want to add a second class's work.")
    backpack.enroll(micro_credentials["live-sessions-where-everyone-talks"], by=maya)
    draft = submissions.start_attempt(
        backpack.enroll(micro_credentials["feedback-that-works-online"], by=maya), by=maya
    )
    _answer_all(draft, "Draft in progress: I am collecting feedback samples this week.")
    report.add("demo submissions", Submission.objects.count())
