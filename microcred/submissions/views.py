"""The earner's pages for preparing, paying for, submitting and following a submission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.backpack.models import Enrollment
from microcred.catalog.models import Requirement
from microcred.catalog.word_limits import count_words
from microcred.payments import selectors as fees
from microcred.payments import services as fee_services
from microcred.payments.forms import InvoiceRequestForm
from microcred.payments.providers.base import ProviderError

from . import selectors, services, uploads, workflow
from .above import answers as above
from .forms import (
    CollaborationForm,
    CollaboratorFormSet,
    FileForm,
    LinkForm,
    TextEvidenceForm,
    VoucherForm,
    collaborator_rows,
    edited_formset,
)
from .models import Evidence
from .states import State

TEXT_KINDS = ("text", "reflection")


def _own(request, reference):
    submission = selectors.submission_for_earner(reference, request.user)
    if submission is None:
        raise Http404
    return submission


def _back(submission, anchor=""):
    url = reverse("submissions:detail", args=[submission.reference])
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_POST
@login_required
def start(request, enrollment_id):
    enrollment = get_object_or_404(Enrollment, pk=enrollment_id, earner=request.user)
    try:
        submission = services.start_attempt(enrollment, by=request.user)
    except services.AttemptsExhausted as exc:
        messages.error(request, str(exc))
        return redirect("backpack:home")
    return _back(submission)


@require_GET
@login_required
def detail(request, reference):
    return _page(request, _own(request, reference))


def _text_fields(requirement, evidence) -> list[dict]:
    """The written answers a requirement takes, with their text and length so far."""
    texts = {item.kind: item.text for item in evidence if item.kind in TEXT_KINDS}
    return [
        {
            "kind": kind,
            "text": texts.get(kind, ""),
            "words": count_words(texts.get(kind, "")),
            "problem": selectors.words_problem(requirement, texts[kind]) if kind in texts else "",
        }
        for kind in requirement.evidence_types
        if kind in TEXT_KINDS
    ]


def _declared(submission):
    """The people already declared as rows to edit, with one empty row when there are
    none, so the first person can be typed straight away."""
    rows = [
        {"name": c.name, "email": c.email, "declared_as": c.declared_as}
        for c in submission.collaborators.all()
    ] or [{"name": "", "email": ""}]
    formset = CollaboratorFormSet(initial=rows, prefix="collaborator")
    return formset


def _page(
    request,
    submission,
    *,
    problems=None,
    collaboration_form=None,
    collaboration_formset=None,
    collaboration_errors=(),
    status=200,
):
    """The submission page; `problems` maps a requirement id to what was refused there, so
    each message stands beside the field it is about."""
    enrollment = submission.enrollment
    problems = problems or {}
    districts = Organization.objects.filter(
        kind=Organization.Kind.DISTRICT,
        pk__in=permissions.organizations_with_role(request.user, *permissions.MEMBER_ROLES),
    )
    threads = above.coaching_threads(submission) if enrollment.cohort_id else {}
    previous_attempt, last_time = (
        above.feedback_to_revise(submission) if submission.is_editable else (0, {})
    )
    return render(
        request,
        "submissions/submission_detail.html",
        {
            "submission": submission,
            "version": enrollment.version,
            "rows": [
                {
                    "requirement": requirement,
                    "evidence": evidence,
                    "thread": threads.get(requirement.pk, []),
                    "last_time": last_time.get(requirement.pk, []),
                    "problems": problems.get(requirement.pk, []),
                    "texts": _text_fields(requirement, evidence),
                }
                for requirement, evidence in selectors.requirements_with_evidence(submission)
            ],
            "previous_attempt": previous_attempt,
            "upload_limits": uploads.limits_text(),
            "can_reply_to_coaching": permissions.can_reply_to_coaching(
                request.user, submission, timezone.localdate()
            ),
            "cohort_deadlines": above.cohort_deadlines(enrollment.cohort),
            "missing": selectors.missing_evidence(submission) if submission.is_editable else [],
            "can_edit": permissions.can_edit_submission(request.user, submission),
            "can_withdraw": permissions.can_withdraw(request.user, submission),
            "fee": fees.fee_box(enrollment),
            "districts": districts,
            "collaboration_form": collaboration_form
            or CollaborationForm(
                initial={
                    "collaborated": submission.collaborated,
                    "note": submission.collaboration_note,
                }
            ),
            "collaborators": collaboration_formset or _declared(submission),
            "collaboration_errors": collaboration_errors,
            "voucher_form": VoucherForm(),
            "invoice_form": InvoiceRequestForm(),
            "results": above.results_for_earner(submission),
            "attempts": selectors.attempts_of(submission),
            "review_cannot_start": submission.state in (State.DRAFT, State.SUBMITTED)
            and not above.review_can_start(enrollment.micro_credential),
        },
        status=status,
    )


def _requirement(submission, requirement_id) -> Requirement:
    return get_object_or_404(
        Requirement, pk=requirement_id, version_id=submission.enrollment.version_id
    )


def _refused_here(request, submission, requirement, exc):
    """A refusal about one requirement: the page again, the message beside that field."""
    if not isinstance(exc, ValidationError):
        return _refused(request, submission, exc)
    submission = _own(request, submission.reference)
    return _page(request, submission, problems={requirement.pk: exc.messages}, status=400)


def _refused(request, submission, exc, anchor=""):
    if isinstance(exc, ValidationError):
        messages.error(request, " ".join(exc.messages))
    else:
        messages.error(
            request, _("This submission is no longer a draft; start a new attempt to change it.")
        )
    return _back(submission, anchor)


@require_POST
@login_required
def save_text(request, reference, requirement_id, kind):
    submission = _own(request, reference)
    requirement = _requirement(submission, requirement_id)
    form = TextEvidenceForm(request.POST)
    try:
        # An invalid form has no text: saving its absence would clear the earner's answer.
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        evidence = services.save_text(
            submission,
            requirement,
            by=request.user,
            kind=kind,
            text=form.cleaned_data["text"],
        )
    except (ValidationError, workflow.IllegalTransition) as exc:
        if request.htmx:
            return render(
                request,
                "submissions/_saved.html",
                {"error": " ".join(getattr(exc, "messages", [str(exc)]))},
                status=400,
            )
        return _refused_here(request, submission, requirement, exc)
    if request.htmx:
        return render(
            request,
            "submissions/_saved.html",
            {
                "error": "",
                "requirement": requirement,
                "fields": [
                    f
                    for f in _text_fields(requirement, [evidence] if evidence else [])
                    if f["kind"] == kind
                ],
            },
        )
    messages.success(request, _("Saved."))
    return _back(submission, f"requirement-{requirement.pk}")


@require_POST
@login_required
def add_link(request, reference, requirement_id):
    submission = _own(request, reference)
    requirement = _requirement(submission, requirement_id)
    form = LinkForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Enter a full web address starting with https://."))
        services.add_link(submission, requirement, by=request.user, url=form.cleaned_data["url"])
    except (ValidationError, workflow.IllegalTransition) as exc:
        return _refused_here(request, submission, requirement, exc)
    messages.success(request, _("Link added."))
    return _back(submission, f"requirement-{requirement.pk}")


@require_POST
@login_required
def add_file(request, reference, requirement_id):
    submission = _own(request, reference)
    requirement = _requirement(submission, requirement_id)
    form = FileForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a file to upload."))
        services.add_file(
            submission, requirement, by=request.user, upload=form.cleaned_data["file"]
        )
    except (ValidationError, workflow.IllegalTransition) as exc:
        return _refused_here(request, submission, requirement, exc)
    messages.success(request, _("File uploaded."))
    return _back(submission, f"requirement-{requirement.pk}")


@require_POST
@login_required
def remove_evidence(request, reference, evidence_id):
    submission = _own(request, reference)
    evidence = get_object_or_404(Evidence, pk=evidence_id, submission=submission)
    try:
        services.remove_evidence(evidence, by=request.user)
    except workflow.IllegalTransition as exc:
        return _refused(request, submission, exc)
    messages.success(request, _("Removed."))
    return _back(submission, f"requirement-{evidence.requirement_id}")


@require_GET
@login_required
def evidence_file(request, reference, evidence_id):
    submission = _own(request, reference)
    evidence = get_object_or_404(
        Evidence, pk=evidence_id, submission=submission, kind="file", removed_at__isnull=True
    )
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@require_POST
@login_required
def collaboration(request, reference):
    submission = _own(request, reference)
    form = CollaborationForm(request.POST)
    form_valid = form.is_valid()
    adding = "add_person" in request.POST
    removing = request.POST.get("remove_person", "")
    if adding or removing.isdigit():
        # Drawing the list again with a row more or less saves nothing yet.
        return _page(
            request,
            submission,
            collaboration_form=form,
            collaboration_formset=edited_formset(
                request.POST, add=adding, remove=int(removing) if removing.isdigit() else None
            ),
        )
    formset = CollaboratorFormSet(request.POST, prefix="collaborator")
    try:
        if not form_valid:
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        if not formset.is_valid():
            raise ValidationError(
                formset.non_form_errors()
                or _("The list of people could not be read; please try again.")
            )
        services.declare_collaboration(
            submission,
            by=request.user,
            collaborated=form.cleaned_data.get("collaborated", False),
            note=form.cleaned_data.get("note", ""),
            collaborators=collaborator_rows(formset),
        )
    except ValidationError as exc:
        return _page(
            request,
            submission,
            collaboration_form=form,
            collaboration_formset=edited_formset(request.POST),
            collaboration_errors=exc.messages,
            status=400,
        )
    except workflow.IllegalTransition as exc:
        return _refused(request, submission, exc, "collaboration")
    messages.success(request, _("Collaboration saved."))
    return _back(submission, "collaboration")


@require_POST
@login_required
def pay_voucher(request, reference):
    submission = _own(request, reference)
    form = VoucherForm(request.POST)
    try:
        if not form.is_valid():
            raise fee_services.FeeProblem(_("Enter the voucher code."))
        fee_services.redeem_voucher(
            submission.enrollment, by=request.user, code=form.cleaned_data["code"]
        )
    except fee_services.FeeProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Voucher accepted: the fee is paid."))
    return _back(submission, "fee")


@require_POST
@login_required
def request_sponsorship(request, reference):
    submission = _own(request, reference)
    district_id = request.POST.get("district", "")
    district = (
        Organization.objects.filter(pk=district_id, kind=Organization.Kind.DISTRICT).first()
        if district_id.isdigit()
        else None
    )
    try:
        if district is None:
            raise fee_services.FeeProblem(_("Choose the district to ask."))
        fee_services.request_sponsorship(
            submission.enrollment,
            by=request.user,
            district=district,
            note=request.POST.get("note", ""),
        )
    except fee_services.FeeProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your district has been asked to sponsor the fee."))
    return _back(submission, "fee")


@require_POST
@login_required
def request_invoice(request, reference):
    submission = _own(request, reference)
    form = InvoiceRequestForm(request.POST)
    try:
        if not form.is_valid():
            raise fee_services.FeeProblem(" ".join(m for e in form.errors.values() for m in e))
        fee_services.request_invoice(submission.enrollment, by=request.user, **form.cleaned_data)
    except fee_services.FeeProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Invoice requested. The fee counts as paid once the issuer records your "
                "payment; you will be told, and then you can submit."
            ),
        )
    return _back(submission, "fee")


@require_POST
@login_required
def pay_card(request, reference):
    submission = _own(request, reference)
    back = request.build_absolute_uri(reverse("submissions:detail", args=[submission.reference]))
    try:
        checkout = fee_services.start_card_payment(
            submission.enrollment, by=request.user, success_url=back + "?paid=1", cancel_url=back
        )
    except (fee_services.FeeProblem, ProviderError) as exc:
        messages.error(request, str(exc))
        return _back(submission, "fee")
    return redirect(checkout.url)


@require_POST
@login_required
def submit(request, reference):
    submission = _own(request, reference)
    try:
        services.submit(submission, by=request.user)
    except services.IncompleteEvidence as exc:
        messages.error(request, str(exc))
        return _back(submission)
    except services.EvidenceOutOfLimits as exc:
        problems: dict[int, list[str]] = {}
        for requirement, problem in exc.problems:
            problems.setdefault(requirement.pk, []).append(problem)
        messages.error(request, _("Not submitted: some answers are not the length asked for."))
        return _page(request, _own(request, reference), problems=problems, status=400)
    except services.FeeDue as exc:
        messages.error(request, str(exc))
        return _back(submission, "fee")
    except (workflow.IllegalTransition, PermissionDenied):
        messages.info(request, _("This submission was already sent."))
        return _back(submission)
    if above.review_can_start(submission.enrollment.micro_credential):
        messages.success(
            request,
            _("Submitted. Two trained assessors will review it; you will hear from us by e-mail."),
        )
    else:
        messages.warning(
            request,
            _(
                "Submitted, but review has not started yet: the issuer is still training and "
                "adding assessors for this micro-credential. Your evidence waits unchanged, you "
                "may withdraw it until review starts, and you will hear from us by e-mail when "
                "it is decided."
            ),
        )
    return _back(submission)


@require_POST
@login_required
def withdraw(request, reference):
    submission = _own(request, reference)
    try:
        services.withdraw(submission, by=request.user, reason=request.POST.get("reason", "")[:500])
    except (workflow.IllegalTransition, PermissionDenied):
        messages.error(
            request, _("Review has started; this submission can no longer be withdrawn.")
        )
        return _back(submission)
    messages.success(request, _("Withdrawn. Any fee paid for it has been given back."))
    return _back(submission)
