"""The facilitator's cohort pages, and the earner's replies to coaching."""

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
from microcred.catalog.models import Cohort, Requirement
from microcred.submissions import selectors as submission_selectors
from microcred.submissions.models import Evidence

from . import selectors, services
from .forms import CommentForm, DeadlineForm


def _readable_cohort(request, cohort_id) -> Cohort:
    cohort = get_object_or_404(
        Cohort.objects.select_related(
            "micro_credential__current_version", "micro_credential__issuer", "facilitator"
        ),
        pk=cohort_id,
    )
    # Someone else's cohort is not found rather than forbidden: it names nobody.
    if not permissions.can_read_cohort(request.user, cohort):
        raise Http404
    return cohort


def _draft_of(cohort, reference):
    submission = selectors.cohort_submission(cohort, reference)
    if submission is None:
        raise Http404
    return submission


@require_GET
@login_required
def cohorts(request):
    cohorts = selectors.readable_cohorts(request.user)
    return render(
        request,
        "coaching/cohort_list.html",
        {
            "cohorts": cohorts,
            "editable": {c.pk for c in cohorts if permissions.can_manage_cohort(request.user, c)},
            "today": timezone.localdate(),
        },
    )


@require_GET
@login_required
def cohort(request, cohort_id):
    cohort = _readable_cohort(request, cohort_id)
    return _cohort_page(request, cohort, DeadlineForm())


def _cohort_page(request, cohort, form, status=200):
    today = timezone.localdate()
    return render(
        request,
        "coaching/cohort_detail.html",
        {
            "cohort": cohort,
            "rows": selectors.roster(cohort),
            "deadlines": selectors.deadlines(cohort),
            "form": form,
            "is_open": permissions.is_cohort_open(cohort, today),
            "can_set_deadlines": permissions.can_set_deadlines(request.user, cohort, today),
            "can_edit_cohort": permissions.can_manage_cohort(request.user, cohort),
        },
        status=status,
    )


@require_POST
@login_required
def deadline(request, cohort_id):
    cohort = _readable_cohort(request, cohort_id)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.set_deadline(cohort, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Deadline saved; earners are reminded before it."))
            return redirect("coaching:cohort", cohort.pk)
    return _cohort_page(request, cohort, form, status=400)


@require_GET
@login_required
def draft(request, cohort_id, reference):
    cohort = _readable_cohort(request, cohort_id)
    submission = _draft_of(cohort, reference)
    return _draft_page(request, cohort, submission)


def _draft_page(request, cohort, submission, *, failed=None, status=200):
    """failed: (requirement id, form) of a comment that was refused, shown with its text."""
    today = timezone.localdate()
    threads = selectors.threads(submission)
    rows = [
        (
            requirement,
            evidence,
            threads.get(requirement.pk, []),
            failed[1] if failed and failed[0] == requirement.pk else CommentForm(),
        )
        for requirement, evidence in submission_selectors.requirements_with_evidence(submission)
    ]
    return render(
        request,
        "coaching/draft_detail.html",
        {
            "cohort": cohort,
            "submission": submission,
            "earner": submission.enrollment.earner,
            "version": submission.enrollment.version,
            "rows": rows,
            "can_coach": permissions.can_coach(request.user, submission, today),
            "closed_reason": services.closed_reason(submission, today),
        },
        status=status,
    )


@require_POST
@login_required
def comment(request, cohort_id, reference, requirement_id):
    cohort = _readable_cohort(request, cohort_id)
    submission = _draft_of(cohort, reference)
    requirement = get_object_or_404(
        Requirement, pk=requirement_id, version_id=submission.enrollment.version_id
    )
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        services.comment(
            submission, requirement, by=request.user, body=form.cleaned_data.get("body", "")
        )
    except PermissionDenied:
        form.add_error(None, _("Only the cohort's facilitator comments on its drafts."))
        return _draft_page(request, cohort, submission, failed=(requirement.pk, form), status=403)
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _draft_page(request, cohort, submission, failed=(requirement.pk, form), status=400)
    messages.success(request, _("Comment sent to the earner."))
    return redirect(
        reverse("coaching:draft", args=[cohort.pk, submission.reference])
        + f"#requirement-{requirement.pk}"
    )


@require_GET
@login_required
def evidence_file(request, cohort_id, reference, evidence_id):
    cohort = _readable_cohort(request, cohort_id)
    submission = _draft_of(cohort, reference)
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
def reply(request, reference, requirement_id):
    submission = submission_selectors.submission_for_earner(reference, request.user)
    if submission is None or submission.enrollment.cohort_id is None:
        raise Http404
    requirement = get_object_or_404(
        Requirement, pk=requirement_id, version_id=submission.enrollment.version_id
    )
    form = CommentForm(request.POST)
    form.is_valid()
    body = form.cleaned_data.get("body", "")
    try:
        services.comment(submission, requirement, by=request.user, body=body)
    except ValidationError as exc:
        text = " ".join(exc.messages)
        if body.strip():
            # Nothing typed is lost: the refused reply comes back in the message.
            text += " " + _("Your reply, not sent: “%(body)s”") % {"body": body.strip()}
        messages.error(request, text)
    else:
        messages.success(request, _("Reply sent to your facilitator."))
    return redirect(
        reverse("submissions:detail", args=[submission.reference])
        + f"#requirement-{requirement.pk}"
    )
