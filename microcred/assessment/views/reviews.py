"""The assessor's queue and review pages. Nothing here names the earner."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from microcred import permissions
from microcred.submissions.models import Evidence

from .. import selectors
from ..models import Assignment, AssignmentStatus
from ..services import reviews
from .evidence_files import cleaned_file


def _mine(request, pk) -> Assignment:
    assignment = get_object_or_404(Assignment.objects.select_related("assessor"), pk=pk)
    if not permissions.can_review(request.user, assignment):
        # Someone else's review, or one reassigned away: it does not exist for this person.
        raise Http404
    return assignment


@require_GET
@login_required
def queue(request):
    return render(
        request,
        "assessment/queue.html",
        {
            "open": list(selectors.open_assignments(request.user)),
            "finished": list(selectors.finished_assignments(request.user)),
            "calibration": [
                status
                for status in selectors.calibration_statuses(request.user)
                if status.state != "calibrated"
            ],
        },
    )


@login_required
def review(request, pk):
    assignment = _mine(request, pk)
    errors, posted = {}, {}
    if request.method == "POST":
        scores, posted = _scores_from(request.POST)
        try:
            reviews.record_review(
                assignment,
                by=request.user,
                scores=scores,
                overall_comment=request.POST.get("overall_comment", ""),
            )
        except ValidationError as exc:
            errors = exc.message_dict
        except reviews.ReviewClosed as exc:
            messages.error(request, str(exc))
            return redirect("assessment:queue")
        else:
            messages.success(request, _("Review sent. Thank you."))
            return redirect("assessment:queue")
    packet = selectors.review_packet(assignment)
    scored = {}
    if packet.review:
        scored = {s.criterion_id: s for s in packet.review.scores.all()}
    rows = [
        (
            requirement,
            [
                {
                    "criterion": criterion,
                    "value": posted.get(f"criterion-{criterion.pk}", ""),
                    "feedback": posted.get(f"feedback-{criterion.pk}", ""),
                    "error": " ".join(errors.get(f"criterion-{criterion.pk}", [])),
                    "score": scored.get(criterion.pk),
                }
                for criterion in criteria
            ],
            evidence,
        )
        for requirement, criteria, evidence in packet.requirements
    ]
    return render(
        request,
        "assessment/review.html",
        {
            "packet": packet,
            "rows": rows,
            "can_score": assignment.status in (AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED),
            "errors": errors,
            "posted": posted,
            "overall_comment": request.POST.get("overall_comment", ""),
        },
        status=400 if errors else 200,
    )


def _scores_from(data) -> tuple[dict[int, tuple[bool, str]], dict[str, str]]:
    scores, posted = {}, {}
    for key, value in data.items():
        if key.startswith("criterion-") and key[10:].isdigit() and value in ("met", "not_met"):
            criterion_id = int(key[10:])
            feedback = data.get(f"feedback-{criterion_id}", "")[:10_000]
            scores[criterion_id] = (value == "met", feedback)
            posted[key] = value
            posted[f"feedback-{criterion_id}"] = feedback
    return scores, posted


@require_POST
@login_required
def accept(request, pk):
    try:
        reviews.accept(_mine(request, pk), by=request.user)
    except reviews.ReviewClosed as exc:
        messages.error(request, str(exc))
        return redirect("assessment:queue")
    return redirect("assessment:review", pk=pk)


@require_POST
@login_required
def decline(request, pk):
    try:
        reviews.decline(_mine(request, pk), by=request.user, reason=request.POST.get("reason", ""))
    except reviews.ReviewClosed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Declined. It will be offered to another assessor."))
    return redirect("assessment:queue")


@require_GET
@login_required
def evidence_file(request, pk, evidence_id):
    """A review-scoped link: only the assessor of this assignment, and only its evidence,
    with identifying metadata removed and a neutral file name."""
    assignment = _mine(request, pk)
    if assignment.status not in (
        AssignmentStatus.OFFERED,
        AssignmentStatus.ACCEPTED,
        AssignmentStatus.COMPLETED,
    ):
        raise PermissionDenied
    evidence = get_object_or_404(
        Evidence,
        pk=evidence_id,
        submission_id=assignment.submission_id,
        kind="file",
        removed_at__isnull=True,
    )
    return cleaned_file(evidence, f"evidence-{assignment.label}-{evidence.pk}")
