"""Loading the demo platform through the services people use.

Issuers' catalogs are written by their issuer admins with the authoring services, earners
enroll, pay, draft evidence and submit with the backpack, fee and submission services, and
assessors review through the assessment services, so the demo holds exactly what people
would have produced by hand.

Loading is idempotent. Everything is found by a stable key (an organization's slug, a
person's e-mail address, a micro-credential's or stack's address) and what exists is left
alone; the parts that hang off something (cohorts, a revision, an earner's backpack) are
made only together with it. A second run therefore creates nothing and keeps whatever
people did in the meantime.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred.accounts.models import Membership, Organization, Role, User, role_name
from microcred.assessment.models import (
    AssessorProfile,
    Assignment,
    AssignmentStatus,
    PoolMember,
    Qualification,
    Review,
)
from microcred.assessment.services import assign
from microcred.assessment.services import reviews as assessment
from microcred.backpack import services as backpack
from microcred.backpack.models import Enrollment
from microcred.catalog import services as catalog
from microcred.catalog.models import (
    Cohort,
    GradeBand,
    MicroCredential,
    MicroCredentialVersion,
    RubricCriterion,
    Stack,
    Topic,
)
from microcred.credentials.issuing import services as credentials
from microcred.credentials.models import Award
from microcred.federation import samples as federation_samples
from microcred.payments import selectors as fees
from microcred.payments import services as payments
from microcred.payments.models import Voucher
from microcred.submissions import services as submissions
from microcred.submissions.models import Submission

from . import calibration, cohorts_and_help, content, duplicates, images
from . import sharing as demo_sharing
from .content import backpacks, lifecycle, organizations, people
from .content import calibration as calibration_text
from .content import schema as text

PASSWORD = "microcred-demo"  # noqa: S105 (published with the demo; demo accounts only)
DOMAIN = "demo.microcred.org"
# Demo assessors take every demo submission between them.
ASSESSOR_CAPACITY = 25


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str


@dataclass
class Summary:
    """What one load created, by kind; empty when everything was already there."""

    created: Counter = field(default_factory=Counter)

    def add(self, what: str, n: int = 1) -> None:
        if n:
            self.created[what] += n


def email(key: str) -> str:
    return f"{key}@{DOMAIN}"


def logins() -> list[Login]:
    """Every demo account, with a label saying what it is for."""
    names = {
        o.slug: o.name
        for o in (*organizations.ISSUERS, organizations.STATE_AGENCY, *organizations.DISTRICTS)
    }
    kinds = {o.slug: Organization.Kind.ISSUER for o in organizations.ISSUERS}
    kinds |= {o.slug: Organization.Kind.DISTRICT for o in organizations.DISTRICTS}
    kinds[organizations.STATE_AGENCY.slug] = Organization.Kind.STATE
    rows = []
    for person in people.PEOPLE:
        if person.is_staff:
            role = _("Platform staff (Django admin)")
        else:
            (first_slug, first_role), *others = person.memberships
            label = Role(first_role).label
            if not others:  # "District admin" rather than "Organization admin"
                label = role_name(first_role, kinds[first_slug])
            if others:
                count = len(person.memberships)
                role = ngettext(
                    "%(role)s, %(count)d organization", "%(role)s, %(count)d organizations", count
                ) % {"role": label, "count": count}
            else:
                role = f"{label}, {names[first_slug]}"
        rows.append(Login(role=str(role), email=email(person.key), password=PASSWORD))
    newcomers = (
        (calibration_text.CALIBRATED, _("Assessor, calibrated on a second try")),
        (calibration_text.FLAGGED, _("Assessor, flagged for retraining")),
        (calibration_text.WAITING, _("Assessor, yet to calibrate")),
    )
    for person, role in newcomers:
        rows.append(Login(role=str(role), email=email(person.key), password=PASSWORD))
    return rows


def _counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "people": User.objects.count(),
        "topics": Topic.objects.count(),
        "micro-credentials": MicroCredential.objects.count(),
        "versions": MicroCredentialVersion.objects.count(),
        "stacks": Stack.objects.count(),
        "cohorts": Cohort.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "submissions": Submission.objects.count(),
        "reviews": Review.objects.count(),
        "awards": Award.objects.count(),
    }


@transaction.atomic
def load() -> Summary:
    """Create whatever part of the demo platform is missing; return what was created."""
    return _Loader().run()


class _Loader:
    def __init__(self):
        self.summary = Summary()
        self.organizations: dict[str, Organization] = {}
        self.new_organizations: set[str] = set()
        self.people: dict[str, User] = {}
        self.new_people: set[str] = set()
        self.catalog: dict[str, MicroCredential] = {}
        self.new_micro_credentials: set[str] = set()
        self.topics: dict[str, Topic] = {}
        self.grade_bands = GradeBand.objects.in_bulk()
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)

    def run(self) -> Summary:
        before = _counts()
        self._organizations()
        self._people()
        self._catalog()
        self._unfinished()
        self._cohorts()
        self._revision()
        self._assessors()
        self._fees()
        self._backpacks()
        demo_sharing.show(self.people, new_people=self.new_people)
        cohorts_and_help.load(self)
        calibration.load(self.people, self.catalog, email=email, password=PASSWORD)
        duplicates.add(self)
        federation_samples.load()
        after = _counts()
        for what, n in after.items():
            self.summary.add(what, n - before[what])
        return self.summary

    # --- organizations and people ---------------------------------------------------

    def _organizations(self) -> None:
        entries = [
            *((o, Organization.Kind.ISSUER) for o in organizations.ISSUERS),
            (organizations.STATE_AGENCY, Organization.Kind.STATE),
            *((o, Organization.Kind.DISTRICT) for o in organizations.DISTRICTS),
        ]
        existing = Organization.objects.in_bulk([o.slug for o, _kind in entries], field_name="slug")
        for entry, kind in entries:
            organization = existing.get(entry.slug)
            if organization is None:
                organization = Organization.objects.create(
                    slug=entry.slug,
                    kind=kind,
                    name=entry.name,
                    description=entry.description,
                    website=entry.website,
                    email=entry.email,
                    parent=self.organizations[entry.parent] if entry.parent else None,
                )
                self.new_organizations.add(entry.slug)
            self.organizations[entry.slug] = organization

    def _people(self) -> None:
        existing = {
            user.email: user
            for user in User.objects.filter(email__in=[email(p.key) for p in people.PEOPLE])
        }
        hashed = None
        for person in people.PEOPLE:
            address = email(person.key)
            user = existing.get(address)
            if user is None:
                # One hash for every demo account: hashing is deliberately slow, and they
                # share the published password anyway.
                hashed = hashed or make_password(PASSWORD)
                user = User(
                    email=address,
                    name=person.name,
                    school=person.school,
                    is_staff=person.is_staff,
                    is_superuser=person.is_staff,
                    password=hashed,
                )
                user.save()
                EmailAddress.objects.create(user=user, email=address, verified=True, primary=True)
                Membership.objects.bulk_create(
                    [
                        Membership(user=user, organization=self.organizations[slug], role=role)
                        for slug, role in person.memberships
                    ]
                )
                self.new_people.add(person.key)
            self.people[person.key] = user

    def _author(self, issuer_slug: str) -> User:
        return self.people[people.AUTHORS[issuer_slug]]

    def _admin_of(self, district: Organization) -> User | None:
        for person in people.PEOPLE:
            if (district.slug, Role.ORG_ADMIN) in person.memberships:
                return self.people[person.key]
        return None

    # --- the catalog ------------------------------------------------------------------

    def _catalog(self) -> None:
        # Each micro-credential once, in the colour of the first stack that holds it and
        # with the topics of every stack that holds it.
        entries: dict[str, tuple] = {}
        for stack in content.STACKS:
            for mc in stack.micro_credentials:
                issuer, _mc, colour, topics = entries.get(
                    slugify(mc.title), (stack.issuer, mc, stack.colour, mc.topics)
                )
                entries[slugify(mc.title)] = (issuer, mc, colour, (stack.topic, *topics))
        for issuer, mc, colour in content.STANDALONE:
            entries[slugify(mc.title)] = (issuer, mc, colour, mc.topics)
        self.catalog = MicroCredential.objects.in_bulk(list(entries), field_name="slug")
        for slug, (issuer, mc, colour, topics) in entries.items():
            if slug not in self.catalog:
                version = self._write(issuer, mc, colour=colour, topics=dict.fromkeys(topics))
                catalog.publish(version, by=self._author(issuer))
                self.catalog[slug] = version.micro_credential
                self.new_micro_credentials.add(slug)

        existing_stacks = set(
            Stack.objects.filter(slug__in=[slugify(s.title) for s in content.STACKS]).values_list(
                "slug", flat=True
            )
        )
        for stack in content.STACKS:
            if slugify(stack.title) in existing_stacks:
                continue
            issuer = self.organizations[stack.issuer]
            members = [self.catalog[slugify(mc.title)] for mc in stack.micro_credentials]
            # A micro-credential someone else published under the same address is left out.
            members = [mc for mc in members if mc.issuer_id == issuer.pk]
            made = catalog.create_stack(
                issuer,
                by=self._author(stack.issuer),
                micro_credentials=members,
                title=stack.title,
                description=stack.description,
                is_ordered=stack.ordered,
                endorsement=stack.endorsement,
                image=images.badge(stack.title, stack.colour, stack=True),
                publish=True,
            )
            for standard in stack.alignments:
                catalog.add_stack_alignment(
                    made,
                    by=self._author(stack.issuer),
                    framework=standard.framework,
                    code=standard.code,
                    name=standard.name,
                    url=standard.url,
                )

    def _write(self, issuer_slug: str, mc: text.MicroCredential, *, colour, topics):
        """Author a complete draft of `mc`, as an issuer admin would in the workspace."""
        author = self._author(issuer_slug)
        version = catalog.create_micro_credential(
            self.organizations[issuer_slug], by=author, title=mc.title
        )
        catalog.update_details(
            version,
            by=author,
            summary=mc.summary,
            competency=mc.competency,
            key_method=mc.key_method,
            method_components="\n".join(mc.components),
            research=mc.research,
            fee=Decimal(mc.fee),
            credit_amount=Decimal(mc.credit.amount),
            credit_unit=mc.credit.unit,
            credit_authority=mc.credit.authority,
            estimated_hours=Decimal(mc.hours),
            topics=[self._topic(name) for name in topics],
            grade_bands=[self.grade_bands[slug] for slug in mc.grades if slug in self.grade_bands],
            image=images.badge(mc.title, colour),
        )
        for resource in mc.resources:
            catalog.add_resource(
                version, by=author, title=resource.title, url=resource.url, note=resource.note
            )
        for requirement in mc.requirements:
            added = catalog.add_requirement(
                version,
                by=author,
                title=requirement.title,
                instructions=requirement.instructions,
                evidence_types=requirement.evidence,
            )
            for criterion in requirement.criteria:
                catalog.add_criterion(
                    added, by=author, name=criterion.name, met_description=criterion.met
                )
        for standard in mc.alignments:
            catalog.add_alignment(
                version,
                by=author,
                framework=standard.framework,
                code=standard.code,
                name=standard.name,
                url=standard.url,
            )
        return version

    def _topic(self, name: str) -> Topic:
        if name not in self.topics:
            self.topics[name], _created = Topic.objects.get_or_create(
                slug=slugify(name), defaults={"name": name}
            )
        return self.topics[name]

    def _unfinished(self) -> None:
        """A draft that fails the quality checklist and a complete one waiting in review."""
        draft = lifecycle.DRAFT
        if not MicroCredential.objects.filter(slug=slugify(draft.title)).exists():
            author = self._author(draft.issuer)
            version = catalog.create_micro_credential(
                self.organizations[draft.issuer], by=author, title=draft.title
            )
            catalog.update_details(
                version, by=author, summary=draft.summary, competency=draft.competency
            )
        for issuer, mc, colour in lifecycle.IN_REVIEW:
            if MicroCredential.objects.filter(slug=slugify(mc.title)).exists():
                continue
            version = self._write(issuer, mc, colour=colour, topics=mc.topics)
            catalog.submit_for_review(version, by=self._author(issuer))

    def _cohorts(self) -> None:
        for cohort in lifecycle.COHORTS:
            slug = slugify(cohort.micro_credential.title)
            if slug not in self.new_micro_credentials:
                continue
            mc = self.catalog[slug]
            starts_on = self.today + timedelta(days=cohort.starts_in_days)
            catalog.create_cohort(
                mc,
                by=self._author(mc.issuer.slug),
                # Named the way issuers name terms; the name is data, not interface text.
                name=f"{starts_on:%B %Y} cohort",
                facilitator=self.people["facilitator"],
                starts_on=starts_on,
                ends_on=starts_on + timedelta(weeks=cohort.weeks),
                enrollment_opens_on=starts_on - timedelta(days=cohort.enrollment_days),
                enrollment_closes_on=starts_on - timedelta(days=1),
                capacity=cohort.capacity,
            )

    def _revision(self) -> None:
        """Publish a second version over the first, with an earner who keeps the first."""
        revision = lifecycle.REVISION
        slug = slugify(revision.micro_credential.title)
        if slug not in self.new_micro_credentials:
            return
        mc = self.catalog[slug]
        for key in revision.earners_on_first_version:
            if key in self.new_people:
                backpack.enroll(mc, by=self.people[key])
        author = self._author(mc.issuer.slug)
        draft = catalog.start_revision(mc, by=author)
        catalog.update_details(
            draft,
            by=author,
            summary=revision.summary,
            method_components="\n".join(revision.components),
        )
        requirements = {r.title: r for r in draft.requirements.all()}
        for title, criterion in revision.new_criteria:
            catalog.add_criterion(
                requirements[title], by=author, name=criterion.name, met_description=criterion.met
            )
        catalog.publish(draft, by=author)
        self.catalog[slug] = MicroCredential.objects.get(pk=mc.pk)

    # --- assessors and fees ------------------------------------------------------------

    def _assessors(self) -> None:
        """Put the demo assessors in the pool of every demo micro-credential of their
        issuers, already calibrated: they are the experts the demo's reviews came from.
        Each published micro-credential is staffed for two reviews and a tie-break; one
        never staffed before (an older demo database) is staffed on a later run too, while
        what an issuer changed in its pool since is kept."""
        never_staffed = set(
            MicroCredential.objects.filter(pk__in=[mc.pk for mc in self.catalog.values()])
            .exclude(qualifications__isnull=False)
            .values_list("slug", flat=True)
        )
        for person in people.PEOPLE:
            issuers = {slug for slug, role in person.memberships if role == Role.ASSESSOR}
            if not issuers:
                continue
            profile, created = AssessorProfile.objects.get_or_create(
                user=self.people[person.key], defaults={"capacity": ASSESSOR_CAPACITY}
            )
            issuer_ids = {self.organizations[slug].pk for slug in issuers}
            PoolMember.objects.bulk_create(
                [
                    PoolMember(assessor=profile, issuer_id=issuer_id, capacity=ASSESSOR_CAPACITY)
                    for issuer_id in issuer_ids
                ],
                ignore_conflicts=True,
            )
            Qualification.objects.bulk_create(
                [
                    Qualification(assessor=profile, micro_credential=mc, is_calibrated=True)
                    for slug, mc in self.catalog.items()
                    if mc.issuer_id in issuer_ids
                    and (created or slug in self.new_micro_credentials or slug in never_staffed)
                ],
                ignore_conflicts=True,
            )

    def _fees(self) -> None:
        for issuer in organizations.ISSUERS:
            if issuer.slug in self.new_organizations:
                self._pilot_vouchers(self.organizations[issuer.slug])
        # Riverbend answers each fee request itself; Cedar Hollow's teachers use vouchers.
        riverbend = self.organizations[organizations.RIVERBEND]
        admin = self._admin_of(riverbend)
        if organizations.RIVERBEND in self.new_organizations and admin is not None:
            payments.set_sponsorship_policy(riverbend, by=admin, approve_all_members=False)
            payments.create_voucher_batch(
                riverbend, by=admin, name="New teachers", count=10, uses_per_code=2
            )

    def _pilot_vouchers(self, issuer: Organization) -> None:
        payments.create_voucher_batch(
            issuer, by=self._author(issuer.slug), name="Pilot schools", count=25
        )

    # --- backpacks ---------------------------------------------------------------------

    def _backpacks(self) -> None:
        """Each new demo earner's backpack, with submissions in every state.

        The order matters: everything that is reviewed is submitted before the assignment
        sweep, and what waits for assessors is submitted after the last sweep.
        """
        journeys = [
            (self.people[key], step)
            for key, steps in backpacks.JOURNEYS.items()
            if key in self.new_people
            for step in steps
        ]
        if not journeys:
            return
        reviewed, waiting, revising = [], [], []
        for n, (earner, step) in enumerate(journeys):
            mc = self.catalog[slugify(step.micro_credential.title)]
            enrollment = backpack.enroll(mc, by=earner, cohort=self._cohort(mc, step))
            if step.outcome == "enrolled":
                if step.ask_district:
                    self._ask_district(enrollment)
                continue
            submission = submissions.start_attempt(enrollment, by=earner)
            self._evidence(submission, n, partial=step.outcome == "draft")
            if step.outcome == "draft":
                continue
            if step.outcome == "submitted":
                waiting.append((submission, step))
                continue
            self._settle(enrollment)
            submissions.submit(submission, by=earner)
            if step.outcome == "withdrawn":
                submissions.withdraw(submission, by=earner, reason=step.reason)
                continue
            reviewed.append((submission, step))
            if step.revising:
                revising.append(submission)

        assign.sweep()
        for submission, step in reviewed:
            self._review(submission, step)
        assign.sweep()  # the tie-breaks
        for submission, step in reviewed:
            self._break_tie(submission, step)
            if step.outcome == "met":
                self._date_award(submission, step)
        for submission in revising:
            earner = submission.enrollment.earner
            submissions.start_attempt(submission.enrollment, by=earner)
        for submission, _step in waiting:
            earner = submission.enrollment.earner
            self._settle(submission.enrollment)
            submissions.submit(submission, by=earner)

    def _cohort(self, mc: MicroCredential, step: text.Step) -> Cohort | None:
        if not step.in_cohort:
            return None
        return (
            Cohort.objects.filter(
                micro_credential=mc,
                enrollment_opens_on__lte=self.today,
                enrollment_closes_on__gte=self.today,
            )
            .order_by("starts_on")
            .first()
        )

    def _district(self, earner: User) -> Organization | None:
        membership = (
            Membership.objects.filter(
                user=earner, organization__kind=Organization.Kind.DISTRICT, is_active=True
            )
            .select_related("organization")
            .first()
        )
        return membership.organization if membership else None

    def _ask_district(self, enrollment: Enrollment):
        district = self._district(enrollment.earner)
        return payments.request_sponsorship(
            enrollment,
            by=enrollment.earner,
            district=district,
            note=backpacks.SPONSORSHIP_NOTE,
        )

    def _settle(self, enrollment: Enrollment) -> None:
        """Pay the fee as a demo earner would: the district sponsors it where the district
        answers requests, and an issuer's pilot voucher covers it otherwise."""
        enrollment = Enrollment.objects.select_related("version", "micro_credential").get(
            pk=enrollment.pk
        )
        if fees.is_settled(enrollment):
            return
        district = self._district(enrollment.earner)
        admin = self._admin_of(district) if district else None
        if admin is not None:
            request = self._ask_district(enrollment)
            payments.decide_sponsorship(request, by=admin, approve=True)
            return
        issuer = enrollment.micro_credential.issuer
        unused = Voucher.objects.filter(
            batch__organization=issuer, batch__micro_credential__isnull=True, times_used=0
        )
        if not unused.exists():
            self._pilot_vouchers(issuer)
        payments.redeem_voucher(enrollment, by=enrollment.earner, code=unused.first().code)

    def _evidence(self, submission: Submission, n: int, *, partial: bool) -> None:
        """Answer every requirement (only the first for a draft), varying the kind."""
        earner = submission.enrollment.earner
        version = MicroCredentialVersion.objects.get(pk=submission.enrollment.version_id)
        requirements = list(version.requirements.all())
        for i, requirement in enumerate(requirements[:1] if partial else requirements):
            kinds = requirement.evidence_types
            turn = n + i
            if "reflection" in kinds:
                submissions.save_text(
                    submission,
                    requirement,
                    by=earner,
                    kind="reflection",
                    text=backpacks.REFLECTIONS[turn % len(backpacks.REFLECTIONS)],
                )
                continue
            offered = [kind for kind in ("file", "text", "link") if kind in kinds]
            kind = offered[turn % len(offered)]
            written = backpacks.WRITTEN[turn % len(backpacks.WRITTEN)]
            if kind == "text":
                submissions.save_text(submission, requirement, by=earner, kind="text", text=written)
            elif kind == "link":
                url = backpacks.LINK.format(
                    slug=version.micro_credential.slug, n=requirement.position
                )
                submissions.add_link(submission, requirement, by=earner, url=url)
            else:
                upload = images.evidence_pdf(
                    requirement.title,
                    [version.title, "", *textwrap.wrap(written, 80)],
                )
                submissions.add_file(submission, requirement, by=earner, upload=upload)

    def _review(self, submission: Submission, step: text.Step) -> None:
        """The two assessors' reviews: both Met; one Met and one Not met, which calls a
        tie-break; or, for one still in review, only the first review so far."""
        offers = list(
            Assignment.objects.filter(submission=submission, status=AssignmentStatus.OFFERED)
            .select_related("assessor__user")
            .order_by("label")
        )
        criteria = self._criteria(submission)
        for index, assignment in enumerate(offers):
            if step.outcome == "in_review" and index > 0:
                continue  # the second assessor has yet to accept the offer
            assessment.accept(assignment, by=assignment.assessor.user)
            met = step.outcome != "not_met" or index == 0
            self._score(assignment, criteria, step, met=met, comment_turn=submission.pk + index)

    def _break_tie(self, submission: Submission, step: text.Step) -> None:
        if step.outcome != "not_met":
            return
        criteria = self._criteria(submission)
        for assignment in Assignment.objects.filter(
            submission=submission, status=AssignmentStatus.OFFERED
        ).select_related("assessor__user"):
            assessment.accept(assignment, by=assignment.assessor.user)
            self._score(assignment, criteria, step, met=False, comment_turn=0)

    def _criteria(self, submission: Submission) -> list[RubricCriterion]:
        return list(
            RubricCriterion.objects.filter(
                requirement__version_id=submission.enrollment.version_id
            ).order_by("requirement__position", "position", "pk")
        )

    def _score(self, assignment, criteria, step: text.Step, *, met: bool, comment_turn: int):
        scores = {criterion.pk: (True, "") for criterion in criteria}
        if met:
            comment = backpacks.MET_COMMENTS[comment_turn % len(backpacks.MET_COMMENTS)]
        else:
            name, feedback = step.gap
            gap = next((c for c in criteria if c.name == name), criteria[0])
            scores[gap.pk] = (False, feedback)
            comment = backpacks.NOT_MET_COMMENT
        assessment.record_review(
            assignment, by=assignment.assessor.user, scores=scores, overall_comment=comment
        )

    def _date_award(self, submission: Submission, step: text.Step) -> None:
        """Spread the demo's awards over the past months, as a real backpack would be."""
        enrollment = Enrollment.objects.select_related("micro_credential__issuer").get(
            pk=submission.enrollment_id
        )
        when = self.now - timedelta(days=step.earned_days_ago)
        backpack.mark_earned(
            enrollment, by=self._author(enrollment.micro_credential.issuer.slug), when=when
        )
        credentials.date_unsigned_award(submission, when=when)
