"""Reads behind certificates and transcripts: an earner's awards in a date range with
their credit, totals, and the educators of a district or state agency."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import cast

from django.db.models import Q
from django.utils import timezone

from microcred import permissions
from microcred.accounts.models import Membership, Organization, Role, User
from microcred.catalog.models import Stack
from microcred.credentials.formats import ob3
from microcred.credentials.models import Award, AwardKind


def amount_text(amount: Decimal | None) -> str:
    """2.50 → "2.5", 1.00 → "1": exact and unrounded, the way a person writes it."""
    return "" if amount is None else format(amount.normalize(), "f")


@dataclass(frozen=True)
class Credit:
    """What one award counts for; an award without credit has amount None."""

    amount: Decimal | None
    unit: str
    authority: str

    @property
    def counts(self) -> bool:
        return bool(self.amount)

    @property
    def amount_text(self) -> str:
        return amount_text(self.amount) if self.counts else ""


NO_CREDIT = Credit(None, "", "")


def credit_of(award: Award) -> Credit:
    """A micro-credential's credit is its version's; a stack carries none of its own, its
    parts are counted on their own awards (so nothing is counted twice)."""
    version = award.version if award.kind == AwardKind.MICRO_CREDENTIAL else None
    if version is None or not version.credit_amount:
        return NO_CREDIT
    return Credit(version.credit_amount, version.credit_unit, version.credit_authority)


def verification_url(award: Award) -> str:
    """The badge page, where anyone checks the award and its signature."""
    return ob3.absolute(award.get_absolute_url())


def awarded_on(award: Award) -> date:
    return timezone.localdate(award.awarded_at)


@dataclass(frozen=True)
class Line:
    award: Award
    date: date
    credit: Credit

    @property
    def title(self) -> str:
        return self.award.title

    @property
    def leads_to(self) -> str:
        """The endorsement or recognition a stack leads to, if it names one."""
        return leads_to(self.award)

    @property
    def url(self) -> str:
        return verification_url(self.award)


def leads_to(award: Award) -> str:
    return award.stack.endorsement if award.stack is not None else ""


def hours_of(award: Award) -> Decimal | None:
    """The hours of learning an award stands for, as its issuer estimated them: the
    version's, or for a stack the sum of its parts' (None when no part says)."""
    if award.version is not None:
        return award.version.estimated_hours
    # Not a micro-credential's, so a stack's: the check constraint award_kind_matches_subject.
    stack = cast("Stack", award.stack)
    hours = [
        version.estimated_hours
        for item in stack.items.select_related("micro_credential__current_version")
        if (version := item.micro_credential.current_version) and version.estimated_hours
    ]
    return sum(hours, Decimal(0)) if hours else None


@dataclass(frozen=True)
class UnitTotal:
    unit: str
    amount: Decimal

    @property
    def amount_text(self) -> str:
        return amount_text(self.amount)


@dataclass(frozen=True)
class AuthorityTotal:
    authority: str
    unit: str
    amount: Decimal

    @property
    def amount_text(self) -> str:
        return amount_text(self.amount)


def unit_totals(credits) -> list[UnitTotal]:
    """Credit per unit: clock hours and CPD credits are never added together."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for credit in credits:
        if credit.counts:
            sums[credit.unit] += credit.amount
    return [
        UnitTotal(unit, amount)
        for unit, amount in sorted(sums.items(), key=lambda kv: kv[0].casefold())
    ]


def authority_totals(credits) -> list[AuthorityTotal]:
    """Credit per approving authority, and within it per unit."""
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for credit in credits:
        if credit.counts:
            sums[(credit.authority, credit.unit)] += credit.amount
    return [
        AuthorityTotal(a, u, amount)
        for (a, u), amount in sorted(
            sums.items(), key=lambda kv: (kv[0][0].casefold(), kv[0][1].casefold())
        )
    ]


@dataclass
class Transcript:
    earner: User
    start: date
    end: date
    lines: list[Line] = field(default_factory=list)
    # Revoked awards in the range: listed so the record is complete, never counted.
    revoked: list[Line] = field(default_factory=list)

    @property
    def by_unit(self) -> list[UnitTotal]:
        return unit_totals(line.credit for line in self.lines)

    @property
    def by_authority(self) -> list[AuthorityTotal]:
        return authority_totals(line.credit for line in self.lines)


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Both ends inclusive, in the platform's time zone: from the first moment of `start`
    to just before the first moment of the day after `end`."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def awards_between(earners, start: date, end: date):
    after, before = _day_bounds(start, end)
    return (
        Award.objects.filter(earner__in=earners, awarded_at__gte=after, awarded_at__lt=before)
        .select_related("earner", "issuer", "version__micro_credential", "stack")
        .order_by("awarded_at", "pk")
    )


def _lines(awards) -> tuple[list[Line], list[Line]]:
    kept: list[Line] = []
    revoked: list[Line] = []
    for award in awards:
        line = Line(award=award, date=awarded_on(award), credit=credit_of(award))
        (revoked if award.is_revoked else kept).append(line)
    return kept, revoked


def transcript(earner: User, start: date, end: date) -> Transcript:
    """Every award of the earner awarded from `start` to `end`, both days included."""
    kept, revoked = _lines(awards_between([earner.pk], start, end))
    return Transcript(earner=earner, start=start, end=end, lines=kept, revoked=revoked)


# -- Districts and state agencies ------------------------------------------------------


def administered_organizations(user) -> list[Organization]:
    """The districts and state agencies whose educators this person reports on."""
    org_ids = permissions.organizations_with_role(user, Role.ORG_ADMIN)
    if not org_ids:
        return []
    return list(
        Organization.objects.filter(
            pk__in=org_ids, kind__in=permissions.EDUCATOR_ORGANIZATION_KINDS
        ).order_by("name")
    )


def educators_of(organization: Organization):
    """Active earners of a district, or of a state agency and its districts, by name."""
    memberships = Membership.objects.filter(role=Role.EARNER, is_active=True).filter(
        Q(organization=organization) | Q(organization__parent=organization)
    )
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("name", "pk")


@dataclass
class EducatorCredit:
    """One educator's awards and credit in a range, counted without reading each award."""

    earner: User
    credits: list[Credit] = field(default_factory=list)
    revoked_count: int = 0

    @property
    def award_count(self) -> int:
        return len(self.credits)

    @property
    def by_unit(self) -> list[UnitTotal]:
        return unit_totals(self.credits)

    @property
    def by_authority(self) -> list[AuthorityTotal]:
        return authority_totals(self.credits)


@dataclass
class Summary:
    """An organization's educators and the credit each earned in a range."""

    organization: Organization
    start: date
    end: date
    educators: list[EducatorCredit]

    @property
    def by_unit(self) -> list[UnitTotal]:
        return unit_totals(c for e in self.educators for c in e.credits)

    @property
    def by_authority(self) -> list[AuthorityTotal]:
        return authority_totals(c for e in self.educators for c in e.credits)

    @property
    def award_count(self) -> int:
        return sum(e.award_count for e in self.educators)


def summary(organization: Organization, start: date, end: date) -> Summary:
    """Every educator with their credit in the range, in two queries whatever their
    number: the awards are read as plain rows, not as objects."""
    educators = educators_of(organization)
    by_earner = {educator.pk: EducatorCredit(educator) for educator in educators}
    after, before = _day_bounds(start, end)
    rows = Award.objects.filter(
        earner__in=educators.values("pk"), awarded_at__gte=after, awarded_at__lt=before
    ).values_list(
        "earner_id",
        "kind",
        "revoked_at",
        "version__credit_amount",
        "version__credit_unit",
        "version__credit_authority",
    )
    for earner_id, kind, revoked_at, amount, unit, authority in rows.iterator(chunk_size=5000):
        entry = by_earner[earner_id]
        if revoked_at is not None:
            entry.revoked_count += 1
        elif kind == AwardKind.MICRO_CREDENTIAL and amount:
            entry.credits.append(Credit(amount, unit, authority))
        else:
            entry.credits.append(NO_CREDIT)
    return Summary(
        organization=organization, start=start, end=end, educators=list(by_earner.values())
    )


# -- The overview: counts by district or school, small groups suppressed -----------------

# Groups of fewer educators than this show no figures: in a school of three, "2 awards in
# clock hours" says what one named teacher did. The threshold follows the usual practice
# of education statistics (NCES, state report cards) of suppressing cells under 10.
SMALL_GROUP = 10


@dataclass
class Group:
    """Educators of one district (in a state's overview) or one school (in a district's)."""

    label: str
    educators: int = 0
    award_count: int = 0
    credits: list[Credit] = field(default_factory=list)

    @property
    def suppressed(self) -> bool:
        return self.educators < SMALL_GROUP

    @property
    def by_authority(self) -> list[AuthorityTotal]:
        return [] if self.suppressed else authority_totals(self.credits)


@dataclass
class Overview:
    organization: Organization
    start: date
    end: date
    # "district" in a state's overview, "school" in a district's.
    grouped_by: str
    groups: list[Group]
    total: Group


def _group_keys(organization: Organization, educator_ids: list[int]) -> dict[int, list[str]]:
    """Which group(s) each educator counts in: for a state, each district they teach in
    (or the state itself); for a district, their school as they gave it."""
    if organization.kind == Organization.Kind.STATE:
        keys: dict[int, list[str]] = defaultdict(list)
        rows = (
            Membership.objects.filter(role=Role.EARNER, is_active=True, user_id__in=educator_ids)
            .filter(Q(organization=organization) | Q(organization__parent=organization))
            .values_list("user_id", "organization__name")
            .order_by("organization__name")
        )
        for user_id, name in rows.iterator(chunk_size=5000):
            if name not in keys[user_id]:
                keys[user_id].append(name)
        return keys
    schools = User.objects.filter(pk__in=educator_ids).values_list("pk", "school")
    return {pk: [school.strip() or ""] for pk, school in schools.iterator(chunk_size=5000)}


def overview(organization: Organization, start: date, end: date) -> Overview:
    """Counts of educators, awards and credit in the range, by district (a state) or by
    school (a district), without naming anyone."""
    per_educator = summary(organization, start, end).educators
    keys = _group_keys(organization, [e.earner.pk for e in per_educator])
    groups: dict[str, Group] = {}
    total = Group(label=organization.name)
    for entry in per_educator:
        total.educators += 1
        total.award_count += entry.award_count
        total.credits += entry.credits
        for key in keys.get(entry.earner.pk, [""]):
            group = groups.setdefault(key, Group(label=key))
            group.educators += 1
            group.award_count += entry.award_count
            group.credits += entry.credits
    ordered = sorted(groups.values(), key=lambda g: (g.label == "", g.label.casefold()))
    grouped_by = "district" if organization.kind == Organization.Kind.STATE else "school"
    return Overview(organization, start, end, grouped_by, ordered, total)
