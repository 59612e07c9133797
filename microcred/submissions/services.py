"""Writes to submissions: drafting evidence, declaring collaboration, submitting."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.backpack import services as backpack
from microcred.backpack.models import Enrollment
from microcred.catalog.models import EvidenceType, Requirement
from microcred.notifications.services import notify
from microcred.payments import selectors as fees
from microcred.payments import services as fee_services

from . import selectors, service_level, signals, uploads, workflow
from .collaborator_names import split_name_and_email
from .models import Collaborator, Evidence, Submission, new_reference
from .states import OPEN_STATES, Event, State

MAX_TEXT_CHARS = 100_000
# Submission IDs are 8 of 26 characters (2 * 10^11 of them), drawn at random: one taken
# already is rare, five in a row never happens unless the generator is broken.
REFERENCE_TRIES = 5


class IncompleteEvidence(Exception):
    def __init__(self, missing: list[Requirement]):
        self.missing = missing
        super().__init__(
            _("Some requirements have no evidence yet: %(titles)s")
            % {"titles": ", ".join(r.title for r in missing)}
        )


class EvidenceOutOfLimits(Exception):
    """Some written evidence is shorter or longer than its requirement states."""

    def __init__(self, problems: list[tuple[Requirement, str]]):
        self.problems = problems
        super().__init__(
            " ".join(
                _("“%(title)s”: %(problem)s") % {"title": r.title, "problem": p}
                for r, p in problems
            )
        )


class AttemptsExhausted(Exception):
    pass


class FeeDue(Exception):
    """The fee has to be settled before the evidence goes to assessors."""


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _locked_draft(submission: Submission, by) -> Submission:
    current = (
        Submission.objects.select_for_update().select_related("enrollment").get(pk=submission.pk)
    )
    if not permissions.is_earner_of(by, current):
        raise PermissionDenied
    if current.state != State.DRAFT:
        raise workflow.IllegalTransition(current.state, _("changed"))
    return current


def _requirement_of(submission: Submission, requirement: Requirement, kind: str) -> None:
    if requirement.version_id != submission.enrollment.version_id:
        raise ValidationError(_("That requirement belongs to another micro-credential."))
    if kind not in requirement.evidence_types:
        raise ValidationError(
            _("“%(title)s” does not accept this kind of evidence.") % {"title": requirement.title}
        )


@transaction.atomic
def start_attempt(enrollment: Enrollment, *, by) -> Submission:
    """The earner's open attempt, or a new one copied from the last attempt's evidence."""
    if not (by.is_authenticated and enrollment.earner_id == by.pk):
        raise PermissionDenied
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    attempts = list(enrollment.submissions.order_by("-attempt"))
    if attempts and attempts[0].state in OPEN_STATES:
        return attempts[0]
    if any(a.state == State.MET for a in attempts):
        raise AttemptsExhausted(_("You have already earned this micro-credential."))
    limit = selectors.attempt_limit(enrollment.version)
    if len([a for a in attempts if a.state == State.NOT_MET]) >= limit:
        raise AttemptsExhausted(
            _("You have used all %(limit)s attempts at this micro-credential.") % {"limit": limit}
        )
    previous = attempts[0] if attempts else None
    for _try in range(REFERENCE_TRIES):
        try:
            with transaction.atomic():
                submission = Submission.objects.create(
                    enrollment=enrollment,
                    attempt=(previous.attempt + 1) if previous else 1,
                    collaborated=previous.collaborated if previous else False,
                    collaboration_note=previous.collaboration_note if previous else "",
                    reference=new_reference(),
                )
            break
        except IntegrityError:
            # The same earner opened it a moment ago in another tab; or, once in a great
            # while, the random submission ID is taken and a fresh one is drawn.
            if opened := enrollment.submissions.filter(state__in=OPEN_STATES).first():
                return opened
    else:
        raise IntegrityError(f"No free submission ID after {REFERENCE_TRIES} tries.")
    if previous is not None:
        _carry_over(previous, submission)
    return submission


def _carry_over(previous: Submission, submission: Submission) -> None:
    """A revision starts from the earner's last evidence; stored files are shared."""
    copies = []
    for evidence in previous.evidence.all():
        evidence.pk = None
        evidence.submission = submission
        copies.append(evidence)
    Evidence.objects.bulk_create(copies)
    Collaborator.objects.bulk_create(
        [
            Collaborator(
                submission=submission,
                user_id=c.user_id,
                name=c.name,
                email=c.email,
                contribution=c.contribution,
                declared_as=c.declared_as,
            )
            for c in previous.collaborators.all()
        ]
    )


@transaction.atomic
def save_text(
    submission: Submission, requirement: Requirement, *, by, kind: str, text: str
) -> Evidence | None:
    """Save (or clear) the written answer or reflection for one requirement."""
    if kind not in (EvidenceType.TEXT, EvidenceType.REFLECTION):
        raise ValidationError(_("Only written answers and reflections are saved as text."))
    current = _locked_draft(submission, by)
    _requirement_of(current, requirement, kind)
    text = (text or "").strip()
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(
            _("Keep the text under %(limit)s characters.") % {"limit": f"{MAX_TEXT_CHARS:,}"}
        )
    existing = Evidence.objects.filter(submission=current, requirement=requirement, kind=kind)
    if not text:
        existing.delete()
        return None
    evidence, _created = Evidence.objects.update_or_create(
        submission=current, requirement=requirement, kind=kind, defaults={"text": text}
    )
    return evidence


@transaction.atomic
def add_link(submission: Submission, requirement: Requirement, *, by, url: str) -> Evidence:
    current = _locked_draft(submission, by)
    _requirement_of(current, requirement, EvidenceType.LINK)
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise ValidationError(
            {"url": _("Enter a full web address starting with https://.")}
        ) from exc
    return Evidence.objects.create(
        submission=current, requirement=requirement, kind=EvidenceType.LINK, url=url[:1000]
    )


@transaction.atomic
def add_file(submission: Submission, requirement: Requirement, *, by, upload) -> Evidence:
    current = _locked_draft(submission, by)
    _requirement_of(current, requirement, EvidenceType.FILE)
    try:
        checked = uploads.inspect(upload)
    except uploads.UploadRefused as exc:
        raise ValidationError(
            {
                "file": _("“%(name)s” was not uploaded. %(reason)s")
                % {"name": uploads.display_name(getattr(upload, "name", "")), "reason": exc}
            }
        ) from exc
    evidence = Evidence(
        submission=current,
        requirement=requirement,
        kind=EvidenceType.FILE,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    # The stored name is random: the earner's file name never reaches the storage path.
    evidence.file.save(f"{checked.sha256[:16]}.{checked.extension}", upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(evidence: Evidence, *, by) -> None:
    _locked_draft(evidence.submission, by)
    evidence.delete()


def _collaborator_rows(collaborators) -> list[dict]:
    """Each declared person as name and lower-case e-mail, checked; empty rows dropped."""
    rows = []
    for number, row in enumerate(collaborators, start=1):
        name = " ".join((row.get("name") or "").split())
        email = (row.get("email") or "").strip().lower()
        if not email:
            # An address typed into the name ("Casey Lin casey@x.org") is still theirs.
            name, email = split_name_and_email(name)
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise ValidationError(
                    _("Person %(n)s: “%(email)s” is not an e-mail address.")
                    % {"n": number, "email": email[:254]}
                ) from exc
        if not (name or email):
            continue
        rows.append(
            {
                "name": (name or email)[:150],
                "email": email[:254],
                "contribution": (row.get("contribution") or "").strip(),
            }
        )
    return rows


@transaction.atomic
def declare_collaboration(
    submission: Submission, *, by, collaborated: bool, note: str = "", collaborators=()
) -> Submission:
    """Record who the earner worked with; each collaborator is a dict of name, email and
    (optionally) their part. An address found in a name is read as the e-mail."""
    current = _locked_draft(submission, by)
    note = (note or "").strip()
    rows = _collaborator_rows(collaborators)
    if collaborated and not (note and rows):
        raise ValidationError(_("Name who you worked with and say how the work was divided."))
    current.collaborated = collaborated
    current.collaboration_note = note if collaborated else ""
    current.save(update_fields=["collaborated", "collaboration_note", "updated_at"])
    first_written = {
        (c.name, c.email): c.declared_as for c in current.collaborators.exclude(declared_as="")
    }
    current.collaborators.all().delete()
    if collaborated:
        users = {
            u.email.lower(): u
            for u in get_user_model()
            .objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=[r["email"] for r in rows if r["email"]])
        }
        Collaborator.objects.bulk_create(
            [
                Collaborator(
                    submission=current,
                    name=r["name"],
                    email=r["email"],
                    user=users.get(r["email"]),
                    contribution=r["contribution"],
                    declared_as=first_written.get((r["name"], r["email"]), ""),
                )
                for r in rows
            ]
        )
    submission.collaborated, submission.collaboration_note = (
        current.collaborated,
        current.collaboration_note,
    )
    return submission


@transaction.atomic
def submit(submission: Submission, *, by) -> Submission:
    current = _locked_draft(submission, by)
    _require(permissions.can_submit(by, current))
    if missing := selectors.missing_evidence(current):
        raise IncompleteEvidence(missing)
    # A draft may be saved at any length, so no text is lost while it grows; what goes to
    # assessors keeps the limits the page states.
    if problems := selectors.evidence_out_of_limits(current):
        raise EvidenceOutOfLimits(problems)
    if not fees.is_settled(current.enrollment):
        raise FeeDue(
            _("The fee is not paid yet. Choose a way to pay it in the Fee section, then submit.")
        )
    workflow.advance(submission, Event.SUBMIT, by=by)
    due_on = service_level.due_date(current.enrollment, submitted_on=timezone.localdate())
    Submission.objects.filter(pk=current.pk).update(due_on=due_on)
    submission.due_on = due_on
    backpack.mark_submitted(current.enrollment, by=by)
    notify(
        [by],
        subject=_("We received submission %(reference)s") % {"reference": current.reference},
        body=_("Your evidence for %(title)s is with the assessors. A decision is due by %(due)s.")
        % {"title": current.enrollment.version.title, "due": due_on.isoformat()},
        url=reverse("submissions:detail", args=[current.reference]),
    )
    transaction.on_commit(
        lambda: signals.submitted.send(sender=Submission, submission_id=current.pk)
    )
    transaction.on_commit(lambda: _check_for_duplicates(current.pk))
    return submission


def _check_for_duplicates(submission_id: int) -> None:
    from .duplicates.tasks import check_for_duplicates

    check_for_duplicates.enqueue(submission_id)


@transaction.atomic
def withdraw(submission: Submission, *, by, reason: str = "") -> Submission:
    """Take a submission back before review starts; a fee paid only for it is refunded."""
    current = (
        Submission.objects.select_for_update().select_related("enrollment").get(pk=submission.pk)
    )
    # The row lock above is the one accepting an offer takes first, so an assessor cannot
    # start the review between this check and the move.
    _require(permissions.can_withdraw(by, current))
    was_submitted = current.state in (State.SUBMITTED, State.IN_REVIEW)
    workflow.advance(submission, Event.WITHDRAW, by=by, reason=reason)
    signals.withdrawn.send(sender=Submission, submission=current)
    enrollment = current.enrollment
    reviewed_before = enrollment.submissions.filter(state__in=[State.MET, State.NOT_MET]).exists()
    if was_submitted and not reviewed_before and fee_services.refund_fee(enrollment):
        notify(
            [by],
            subject=_("Your fee for %(title)s is given back") % {"title": enrollment.version.title},
            body=_(
                "You withdrew submission %(reference)s before its review started, so the fee "
                "paid for it is given back: a voucher can be used again, a card payment is "
                "refunded to the card, and a district sponsorship is released."
            )
            % {"reference": current.reference},
            url=reverse("submissions:detail", args=[current.reference]),
        )
    backpack.mark_withdrawn(enrollment)
    return submission
