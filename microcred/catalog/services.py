"""Writes to the catalog: authoring, the version lifecycle, stacks and cohorts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred import permissions
from microcred.accounts.models import Organization, Role
from microcred.notifications.services import notify

from . import search
from .above import answers as above
from .checklist import ChecklistItem, failing_items
from .models import (
    Alignment,
    Cohort,
    EvidenceType,
    ExternalListing,
    ExternalProvider,
    MicroCredential,
    MicroCredentialVersion,
    PaymentOption,
    Requirement,
    Resource,
    RubricCriterion,
    Stack,
    StackAlignment,
    StackItem,
    VersionStatus,
)
from .word_limits import stated_word_limits

# Fields of a version an author edits on the details form; everything else is set by
# the lifecycle services below.
DETAIL_FIELDS = (
    "title",
    "summary",
    "competency",
    "key_method",
    "method_components",
    "research",
    "fee",
    "currency",
    "payment_methods",
    "credit_amount",
    "credit_unit",
    "credit_authority",
    "estimated_hours",
    "assessors_per_submission",
    "max_attempts",
)


class VersionLocked(Exception):
    """The version is no longer a draft; changes belong in a new version."""

    def __init__(self, version: MicroCredentialVersion):
        self.version = version
        super().__init__(
            _("Version %(number)s is %(status)s and cannot change. Start a new version to edit.")
            % {"number": version.number, "status": version.get_status_display().lower()}
        )


class ChecklistFailed(Exception):
    def __init__(self, failing: list[ChecklistItem]):
        self.failing = failing
        super().__init__(
            _("The quality checklist is not complete: %(items)s")
            % {"items": "; ".join(str(item.label) for item in failing)}
        )


class IllegalVersionMove(Exception):
    pass


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _locked_draft(version: MicroCredentialVersion, by) -> MicroCredentialVersion:
    """Re-read the version under a row lock and make sure it may still be edited.

    The lock keeps an edit from landing between another author's publish and its commit.
    """
    current = MicroCredentialVersion.objects.select_for_update().get(pk=version.pk)
    version.status = current.status
    if current.status != VersionStatus.DRAFT:
        raise VersionLocked(current)
    _require(permissions.can_edit_version(by, current))
    return current


def unique_slug(model, text: str, *, field: str = "slug", max_length: int = 120) -> str:
    base = slugify(text)[: max_length - 8].strip("-") or "untitled"
    slug, n = base, 2
    while model.objects.filter(**{field: slug}).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_micro_credential(issuer: Organization, *, by, title: str) -> MicroCredentialVersion:
    _require(permissions.can_author(by, issuer))
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("A title is required.")})
    mc = MicroCredential.objects.create(
        issuer=issuer, slug=unique_slug(MicroCredential, title), created_by=by
    )
    return MicroCredentialVersion.objects.create(
        micro_credential=mc, number=1, title=title, created_by=by
    )


@transaction.atomic
def update_details(version: MicroCredentialVersion, *, by, **changes) -> MicroCredentialVersion:
    _locked_draft(version, by)
    unknown = set(changes) - set(DETAIL_FIELDS) - {"topics", "grade_bands", "image"}
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    topics = changes.pop("topics", None)
    grade_bands = changes.pop("grade_bands", None)
    image = changes.pop("image", None)
    if "payment_methods" in changes:
        changes["payment_methods"] = _clean_payment_methods(changes["payment_methods"])
    for name, value in changes.items():
        setattr(version, name, value)
    if image is not None:
        version.image = image or ""
    version.full_clean(exclude=["micro_credential", "created_by"])
    version.save()
    if topics is not None:
        version.topics.set(topics)
    if grade_bands is not None:
        version.grade_bands.set(grade_bands)
    return version


def _clean_payment_methods(methods) -> list[str]:
    """Known ways to pay, in a stable order. None may be chosen while drafting; the
    checklist says why a paid micro-credential cannot be published that way."""
    chosen = set(methods or ())
    unknown = chosen - set(PaymentOption.values)
    if unknown:
        raise ValidationError(
            {
                "payment_methods": _("Not a way to pay: %(names)s.")
                % {"names": ", ".join(sorted(str(u) for u in unknown))}
            }
        )
    return [value for value in PaymentOption.values if value in chosen]


def _clean_evidence_types(evidence_types) -> list[str]:
    allowed = EvidenceType.values
    chosen = [value for value in allowed if value in set(evidence_types or ())]
    if not chosen:
        raise ValidationError(
            {"evidence_types": _("Choose at least one kind of evidence this requirement accepts.")}
        )
    return chosen


def _required_text(field: str, value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@transaction.atomic
def add_requirement(
    version: MicroCredentialVersion,
    *,
    by,
    title: str,
    instructions: str,
    evidence_types,
    min_words: int | None = None,
    max_words: int | None = None,
) -> Requirement:
    """A requirement; without word limits given, those its instructions state are kept."""
    _locked_draft(version, by)
    instructions = _required_text(
        "instructions", instructions, _("Tell the earner what to submit.")
    )
    if min_words is None and max_words is None:
        min_words, max_words = stated_word_limits(instructions)
    if min_words and max_words and min_words > max_words:
        raise ValidationError({"max_words": _("The most words must be at least the fewest words.")})
    return Requirement.objects.create(
        version=version,
        position=version.requirements.count() + 1,
        title=_required_text("title", title, _("Give the requirement a title.")),
        instructions=instructions,
        evidence_types=_clean_evidence_types(evidence_types),
        min_words=min_words or None,
        max_words=max_words or None,
    )


@transaction.atomic
def remove_requirement(requirement: Requirement, *, by) -> None:
    _locked_draft(requirement.version, by)
    requirement.delete()


@transaction.atomic
def add_criterion(requirement: Requirement, *, by, name: str, met_description: str):
    _locked_draft(requirement.version, by)
    return RubricCriterion.objects.create(
        requirement=requirement,
        position=requirement.criteria.count() + 1,
        name=_required_text("name", name, _("Name the criterion.")),
        met_description=_required_text(
            "met_description", met_description, _("Describe what Met looks like.")
        ),
    )


@transaction.atomic
def remove_criterion(criterion: RubricCriterion, *, by) -> None:
    _locked_draft(criterion.requirement.version, by)
    criterion.delete()


@transaction.atomic
def add_resource(
    version: MicroCredentialVersion, *, by, title: str, url: str = "", note: str = ""
) -> Resource:
    _locked_draft(version, by)
    resource = Resource(
        version=version,
        position=version.resources.count() + 1,
        title=_required_text("title", title, _("Give the resource a title.")),
        url=(url or "").strip(),
        note=(note or "").strip(),
    )
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def remove_resource(resource: Resource, *, by) -> None:
    _locked_draft(resource.version, by)
    resource.delete()


@transaction.atomic
def add_alignment(
    version: MicroCredentialVersion,
    *,
    by,
    framework: str,
    name: str,
    code: str = "",
    url: str = "",
    case_identifier: str = "",
) -> Alignment:
    _locked_draft(version, by)
    return _save_alignment(
        Alignment(version=version, position=version.alignments.count() + 1),
        framework=framework,
        name=name,
        code=code,
        url=url,
        case_identifier=case_identifier,
    )


def _save_alignment(
    alignment, *, framework: str, name: str, code: str, url: str, case_identifier: str = ""
):
    alignment.framework = _required_text("framework", framework, _("Name the framework."))
    alignment.name = _required_text("name", name, _("Name the standard."))
    alignment.code = (code or "").strip()
    alignment.url = (url or "").strip()
    alignment.case_identifier = (case_identifier or "").strip()
    alignment.full_clean()
    alignment.save()
    return alignment


@transaction.atomic
def remove_alignment(alignment: Alignment, *, by) -> None:
    _locked_draft(alignment.version, by)
    alignment.delete()


def _move(version: MicroCredentialVersion, target: str, **stamps) -> None:
    MicroCredentialVersion.objects.filter(pk=version.pk).update(status=target, **stamps)
    version.status = target
    for name, value in stamps.items():
        setattr(version, name, value)


@transaction.atomic
def submit_for_review(version: MicroCredentialVersion, *, by) -> MicroCredentialVersion:
    current = _locked_draft(version, by)
    _require(permissions.can_submit_for_review(by, current))
    if failing := failing_items(current):
        raise ChecklistFailed(failing)
    _move(version, VersionStatus.IN_REVIEW, submitted_for_review_at=timezone.now())
    return version


@transaction.atomic
def return_to_draft(version: MicroCredentialVersion, *, by) -> MicroCredentialVersion:
    current = MicroCredentialVersion.objects.select_for_update().get(pk=version.pk)
    if current.status != VersionStatus.IN_REVIEW:
        raise IllegalVersionMove(_("Only a version in review can go back to draft."))
    _require(permissions.can_return_to_draft(by, current))
    _move(version, VersionStatus.DRAFT, submitted_for_review_at=None)
    return version


@transaction.atomic
def publish(version: MicroCredentialVersion, *, by) -> MicroCredentialVersion:
    """Make this version the one the catalog shows; the one it replaces is retired.

    Earners who started the replaced version keep it: their enrollment points at it.
    """
    # Lock the micro-credential first so two publishes of the same one queue up.
    mc = MicroCredential.objects.select_for_update().get(pk=version.micro_credential_id)
    current = MicroCredentialVersion.objects.select_for_update().get(pk=version.pk)
    if current.status not in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW):
        raise VersionLocked(current)
    _require(permissions.can_publish(by, current))
    if failing := failing_items(current):
        raise ChecklistFailed(failing)
    now = timezone.now()
    for previous in mc.versions.filter(status=VersionStatus.PUBLISHED):
        _move(previous, VersionStatus.RETIRED, retired_at=now)
        search.unindex(previous)
    MicroCredentialVersion.objects.filter(pk=version.pk).update(
        search_text=search.document_for(current)
    )
    _move(version, VersionStatus.PUBLISHED, published_at=now)
    mc.current_version = version
    mc.save(update_fields=["current_version"])
    search.index(version)
    return version


@transaction.atomic
def retire(version: MicroCredentialVersion, *, by) -> MicroCredentialVersion:
    current = MicroCredentialVersion.objects.select_for_update().get(pk=version.pk)
    if current.status != VersionStatus.PUBLISHED:
        raise IllegalVersionMove(_("Only a published version can be retired."))
    _require(permissions.can_retire(by, current))
    _move(version, VersionStatus.RETIRED, retired_at=timezone.now())
    MicroCredential.objects.filter(pk=version.micro_credential_id).update(current_version=None)
    search.unindex(version)
    return version


@transaction.atomic
def start_revision(micro_credential: MicroCredential, *, by) -> MicroCredentialVersion:
    """Open a new draft copied from the latest version; the published one stays live."""
    mc = MicroCredential.objects.select_for_update().get(pk=micro_credential.pk)
    latest = mc.versions.latest("number")
    if latest.status in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW):
        return latest
    _require(permissions.can_start_revision(by, latest))
    draft = MicroCredentialVersion.objects.get(pk=latest.pk)
    draft.pk = None
    draft.number = latest.number + 1
    draft.status = VersionStatus.DRAFT
    draft.created_by = by
    draft.search_text = ""
    draft.submitted_for_review_at = draft.published_at = draft.retired_at = None
    try:
        draft.save(force_insert=True)
    except IntegrityError as exc:  # another author opened a draft a moment earlier
        raise IllegalVersionMove(_("A draft of this micro-credential is already open.")) from exc
    draft.topics.set(latest.topics.all())
    draft.grade_bands.set(latest.grade_bands.all())
    for model in (Resource, Alignment):
        model.objects.bulk_create(
            [_copy(row, version=draft) for row in model.objects.filter(version=latest)]
        )
    for requirement in latest.requirements.prefetch_related("criteria"):
        criteria = list(requirement.criteria.all())
        new_requirement = _copy(requirement, version=draft)
        new_requirement.save(force_insert=True)
        RubricCriterion.objects.bulk_create(
            [_copy(c, requirement=new_requirement) for c in criteria]
        )
    return draft


def _copy(row, **changes):
    row.pk = None
    row.id = None
    for name, value in changes.items():
        setattr(row, name, value)
    return row


# A stack is a path through several micro-credentials; one alone is not a stack.
MIN_STACK_SIZE = 2
STACK_FIELDS = ("title", "description", "is_ordered", "endorsement", "endorsement_url", "image")


@transaction.atomic
def create_stack(
    issuer: Organization, *, by, micro_credentials=(), publish: bool = False, **fields
) -> Stack:
    _require(permissions.can_author(by, issuer))
    title = _required_text("title", fields.get("title", ""), _("Give the stack a title."))
    stack = Stack(issuer=issuer, slug=unique_slug(Stack, title))
    _apply_stack_fields(stack, fields)
    stack.save()
    set_stack_items(stack, by=by, micro_credentials=micro_credentials)
    if publish:
        set_stack_published(stack, by=by, published=True)
    return stack


@transaction.atomic
def update_stack(stack: Stack, *, by, micro_credentials=None, **fields) -> Stack:
    _require(permissions.can_manage_stack(by, stack))
    _apply_stack_fields(stack, fields)
    stack.save()
    if micro_credentials is not None:
        set_stack_items(stack, by=by, micro_credentials=micro_credentials)
    if stack.is_published:
        _check_publishable(stack)
    return stack


def _apply_stack_fields(stack: Stack, fields: dict) -> None:
    unknown = set(fields) - set(STACK_FIELDS)
    if unknown:
        raise ValueError(f"Not a stack field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        if name == "image" and value is None:
            continue
        setattr(stack, name, value.strip() if isinstance(value, str) else value)
    _required_text("title", stack.title, _("Give the stack a title."))
    _required_text("description", stack.description, _("Describe the stack."))
    stack.full_clean(exclude=["slug"])


@transaction.atomic
def set_stack_items(stack: Stack, *, by, micro_credentials) -> None:
    """Replace the stack's micro-credentials; the order given is the stack's order."""
    _require(permissions.can_manage_stack(by, stack))
    chosen = list(dict.fromkeys(micro_credentials))
    if any(mc.issuer_id != stack.issuer_id for mc in chosen):
        raise ValidationError(_("A stack holds micro-credentials of its own issuer only."))
    StackItem.objects.filter(stack=stack).delete()
    StackItem.objects.bulk_create(
        [
            StackItem(stack=stack, micro_credential=mc, position=position)
            for position, mc in enumerate(chosen, start=1)
        ]
    )


def _check_publishable(stack: Stack) -> None:
    items = list(stack.items.select_related("micro_credential"))
    live = [item for item in items if item.micro_credential.current_version_id]
    if len(live) < MIN_STACK_SIZE or len(live) != len(items):
        raise ValidationError(
            _(
                "A published stack holds at least %(minimum)s micro-credentials, "
                "all of them published."
            )
            % {"minimum": MIN_STACK_SIZE}
        )


@transaction.atomic
def set_stack_published(stack: Stack, *, by, published: bool) -> Stack:
    _require(permissions.can_manage_stack(by, stack))
    if published:
        _check_publishable(stack)
    Stack.objects.filter(pk=stack.pk).update(is_published=published)
    stack.is_published = published
    return stack


@transaction.atomic
def add_stack_alignment(
    stack: Stack,
    *,
    by,
    framework: str,
    name: str,
    code: str = "",
    url: str = "",
    case_identifier: str = "",
) -> StackAlignment:
    """Align a stack as a whole to a standard; its credential carries the alignment from
    the next award on."""
    _require(permissions.can_manage_stack(by, stack))
    return _save_alignment(
        StackAlignment(stack=stack, position=stack.alignments.count() + 1),
        framework=framework,
        name=name,
        code=code,
        url=url,
        case_identifier=case_identifier,
    )


@transaction.atomic
def remove_stack_alignment(alignment: StackAlignment, *, by) -> None:
    _require(permissions.can_manage_stack(by, alignment.stack))
    alignment.delete()


COHORT_FIELDS = (
    "name",
    "description",
    "facilitator",
    "starts_on",
    "ends_on",
    "enrollment_opens_on",
    "enrollment_closes_on",
    "capacity",
)


def _cohort_errors(cohort: Cohort) -> dict:
    """What is wrong with a cohort's own fields, each beside the field it concerns."""
    errors = {}
    if not (cohort.name or "").strip():
        errors["name"] = _("Give the cohort a name.")
    if cohort.starts_on and cohort.ends_on and cohort.ends_on < cohort.starts_on:
        errors["ends_on"] = _("A cohort ends on or after its start.")
    if (
        cohort.enrollment_opens_on
        and cohort.enrollment_closes_on
        and cohort.enrollment_closes_on < cohort.enrollment_opens_on
    ):
        errors["enrollment_closes_on"] = _("Enrollment closes on or after it opens.")
    facilitator = cohort.facilitator
    if facilitator is not None and not permissions.has_role(
        facilitator, cohort.micro_credential.issuer, Role.FACILITATOR
    ):
        errors["facilitator"] = _("%(name)s is not a facilitator of %(issuer)s.") % {
            "name": facilitator.name or facilitator.email,
            "issuer": cohort.micro_credential.issuer.name,
        }
    return errors


@transaction.atomic
def create_cohort(micro_credential: MicroCredential, *, by, **fields) -> Cohort:
    cohort = Cohort(micro_credential=micro_credential, **fields)
    _require(permissions.can_manage_cohort(by, cohort))
    # Field-level messages first; the model's check constraints back them up.
    if errors := _cohort_errors(cohort):
        raise ValidationError(errors)
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def update_cohort(cohort: Cohort, *, by, **changes) -> Cohort:
    """Change a cohort's dates, places, facilitator or words, unless the change would
    strand the earners already in it: each refusal names the reason."""
    unknown = set(changes) - set(COHORT_FIELDS)
    if unknown:
        raise ValueError(f"Not a cohort field: {', '.join(sorted(unknown))}")
    # The row lock queues this behind an enrollment counting the places (backpack.enroll
    # locks the same row), so the count below cannot go stale before the commit.
    current = (
        Cohort.objects.select_for_update()
        .select_related("micro_credential__issuer")
        .get(pk=cohort.pk)
    )
    _require(permissions.can_manage_cohort(by, current))
    before = (current.starts_on, current.ends_on)
    for name, value in changes.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    errors = _cohort_errors(current)
    enrolled = current.enrollments.count()
    if current.capacity is not None and current.capacity < enrolled:
        errors["capacity"] = ngettext(
            "%(n)s earner is already in this cohort; it needs at least %(n)s place.",
            "%(n)s earners are already in this cohort; it needs at least %(n)s places.",
            enrolled,
        ) % {"n": enrolled}
    today = timezone.localdate()
    if "ends_on" not in errors and current.ends_on and current.ends_on < today:
        drafting = above.drafts_in_cohort(current)
        if drafting and current.ends_on != before[1]:
            errors["ends_on"] = ngettext(
                "%(n)s earner still has a draft in this cohort; an end date in the past "
                "would close their coaching. Choose today or later.",
                "%(n)s earners still have drafts in this cohort; an end date in the past "
                "would close their coaching. Choose today or later.",
                drafting,
            ) % {"n": drafting}
    if not errors:
        outside = [
            d
            for d in current.deadlines.all()
            if not current.starts_on <= d.due_on <= current.ends_on
        ]
        if outside:
            errors["ends_on" if outside[0].due_on > current.ends_on else "starts_on"] = _(
                "The deadline “%(deadline)s %(day)s” would fall outside the cohort's dates. "
                "Move the deadline on the cohort's page first, or choose dates around it."
            ) % {
                "deadline": outside[0].get_kind_display(),
                "day": outside[0].due_on.isoformat(),
            }
    if errors:
        raise ValidationError(errors)
    current.full_clean()
    current.save()
    if (current.starts_on, current.ends_on) != before:
        earners = [e.earner for e in current.enrollments.select_related("earner")]
        notify(
            earners,
            subject=_("New dates for %(cohort)s") % {"cohort": current.name},
            body=_("%(cohort)s now runs from %(start)s to %(end)s.")
            % {
                "cohort": current.name,
                "start": current.starts_on.isoformat(),
                "end": current.ends_on.isoformat(),
            },
        )
    return current


# -- Other providers' catalogs --------------------------------------------------------------
# The federation app reads another provider's catalog (CTDL, Open Badges 3.0, CSV) and
# checks every entry; what it hands here is already clean.

LISTING_BATCH = 2000


@dataclass(frozen=True)
class ListingEntry:
    """One credential of another provider's catalog, checked and ready to list."""

    key: str
    name: str
    url: str
    description: str = ""
    kind: str = ""
    offered_by: str = ""
    cost: Decimal | None = None
    currency: str = ""
    estimated_hours: Decimal | None = None
    competencies: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    def digest(self) -> str:
        return hashlib.sha256(
            json.dumps(asdict(self), sort_keys=True, default=str).encode()
        ).hexdigest()


@dataclass(frozen=True)
class ListingCounts:
    added: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0


class ProviderKeptElsewhere(Exception):
    """The provider's catalog is kept by another organization (or by the platform)."""

    def __init__(self, provider: ExternalProvider):
        self.provider = provider
        super().__init__(provider.name)


def _listing_fields(entry: ListingEntry, provider_name: str) -> dict:
    return {
        "kind": entry.kind,
        "name": entry.name,
        "description": entry.description,
        "url": entry.url,
        "offered_by": entry.offered_by,
        "cost": entry.cost,
        "currency": entry.currency,
        "estimated_hours": entry.estimated_hours,
        "competencies": "\n".join(entry.competencies),
        "keywords": "\n".join(entry.keywords),
        "search_text": "\n".join(
            part
            for part in (
                entry.description,
                *entry.competencies,
                *entry.keywords,
                entry.offered_by,
                provider_name,
            )
            if part
        ),
        "digest": entry.digest(),
    }


@transaction.atomic
def list_external(
    provider_name: str,
    entries: Sequence[ListingEntry],
    *,
    organization: Organization | None,
    by,
) -> tuple[ExternalProvider, ListingCounts]:
    """List a provider's whole catalog: entries new to it are added, those it had are
    updated (matched by key), those it no longer holds are retired and leave the search.
    `by` is None for the import_catalog command, which only the server's shell runs."""
    if by is not None:
        _require(permissions.can_import_catalog(by, organization))
    organization_id = organization.pk if organization is not None else None
    slug = slugify(provider_name)[:200] or "provider"
    provider = ExternalProvider.objects.select_for_update().filter(slug=slug).first()
    if provider is None:
        provider = ExternalProvider.objects.create(
            name=provider_name, slug=slug, organization=organization
        )
    elif provider.organization_id != organization_id:
        raise ProviderKeptElsewhere(provider)
    else:
        provider.name = provider_name
        provider.save(update_fields=["name", "imported_at"])

    now = timezone.now()
    known = {
        key: (pk, digest, retired_at)
        for key, pk, digest, retired_at in ExternalListing.objects.filter(
            provider=provider
        ).values_list("key", "pk", "digest", "retired_at")
    }
    added, changed, unchanged = [], [], 0
    for entry in entries:
        fields = _listing_fields(entry, provider.name)
        found = known.get(entry.key)
        if found is None:
            added.append(
                ExternalListing(provider=provider, key=entry.key, updated_at=now, **fields)
            )
        elif found[1] != fields["digest"] or found[2] is not None:
            changed.append(ExternalListing(pk=found[0], updated_at=now, retired_at=None, **fields))
        else:
            unchanged += 1
    present = {entry.key for entry in entries}
    retiring = [
        pk for key, (pk, _d, retired_at) in known.items() if key not in present and not retired_at
    ]
    ExternalListing.objects.bulk_create(added, batch_size=LISTING_BATCH)
    if changed:
        ExternalListing.objects.bulk_update(
            changed,
            ["updated_at", "retired_at", *_listing_fields(entries[0], "")],
            batch_size=LISTING_BATCH // 4,
        )
    for start in range(0, len(retiring), LISTING_BATCH):
        ExternalListing.objects.filter(pk__in=retiring[start : start + LISTING_BATCH]).update(
            retired_at=now, updated_at=now
        )
    search.index_listings(provider.pk)
    return provider, ListingCounts(
        added=len(added), updated=len(changed), retired=len(retiring), unchanged=unchanged
    )
