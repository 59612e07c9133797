"""An assessor's calibration: the sets to score, an attempt and its result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from microcred.catalog.models import MicroCredential
from microcred.submissions.models import Evidence

from .. import calibration as calibration_services
from .. import selectors
from ..models import CalibrationAttempt
from .evidence_files import cleaned_file


def _not_in_pool(request, message: str):
    return render(request, "assessment/not_allowed.html", {"message": message}, status=403)


@require_GET
@login_required
def calibration(request):
    return render(
        request,
        "assessment/calibration.html",
        {"statuses": selectors.calibration_statuses(request.user)},
    )


@require_POST
@login_required
def calibration_start(request, mc_pk):
    micro_credential = get_object_or_404(MicroCredential, pk=mc_pk)
    try:
        attempt = calibration_services.start_calibration(micro_credential, by=request.user)
    except PermissionDenied as exc:
        return _not_in_pool(request, str(exc))
    except calibration_services.CalibrationUnavailable as exc:
        messages.info(request, str(exc))
        return redirect("assessment:calibration")
    return redirect("assessment:calibration_attempt", pk=attempt.pk)


def _my_attempt(request, pk) -> CalibrationAttempt:
    attempt = get_object_or_404(
        CalibrationAttempt.objects.select_related(
            "qualification__assessor", "qualification__micro_credential", "calibration_set"
        ),
        pk=pk,
    )
    if attempt.qualification.assessor.user_id != request.user.pk:
        raise Http404  # someone else's calibration does not exist for this person
    return attempt


def _calibration_scores_from(data) -> tuple[dict[tuple[int, int], bool], dict[str, str]]:
    scores, posted = {}, {}
    for key, value in data.items():
        parts = key.split("-")
        if (
            len(parts) == 3
            and parts[0] == "score"
            and parts[1].isdigit()
            and parts[2].isdigit()
            and value in ("met", "not_met")
        ):
            scores[(int(parts[1]), int(parts[2]))] = value == "met"
            posted[key] = value
    return scores, posted


@login_required
def calibration_attempt(request, pk):
    attempt = _my_attempt(request, pk)
    errors, posted = {}, {}
    if request.method == "POST":
        scores, posted = _calibration_scores_from(request.POST)
        try:
            calibration_services.score_calibration(attempt, by=request.user, scores=scores)
        except calibration_services.AlreadyScored as exc:
            messages.error(request, str(exc))
            return redirect("assessment:calibration_attempt", pk=attempt.pk)
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            return redirect("assessment:calibration_attempt", pk=attempt.pk)
    elif request.method != "GET":
        return HttpResponse(status=405)
    version = attempt.qualification.micro_credential.current_version
    context = {
        "attempt": attempt,
        "title": version.title if version else attempt.qualification.micro_credential.slug,
        "errors": errors,
        "general_errors": errors.get("__all__", []),
        "error_count": len([key for key in errors if key != "__all__"]),
    }
    if attempt.scored_at is not None:
        qualification = attempt.qualification
        context.update(
            results=calibration_services.result_of(attempt),
            agreement_percent=round(attempt.agreement * 100),
            threshold_percent=round(attempt.threshold * 100),
            can_try_again=not attempt.passed and selectors.next_set(qualification) is not None,
        )
    else:
        context["items"] = [
            (
                item,
                [
                    (
                        requirement,
                        [
                            {
                                "criterion": criterion,
                                "name": f"score-{item.anchor_id}-{criterion.pk}",
                                "value": posted.get(f"score-{item.anchor_id}-{criterion.pk}", ""),
                                "error": " ".join(
                                    errors.get(f"score-{item.anchor_id}-{criterion.pk}", [])
                                ),
                            }
                            for criterion in criteria
                        ],
                        evidence,
                    )
                    for requirement, criteria, evidence in item.requirements
                ],
            )
            for item in selectors.calibration_packet(attempt)
        ]
    return render(
        request, "assessment/calibration_attempt.html", context, status=400 if errors else 200
    )


@require_GET
@login_required
def calibration_evidence(request, pk, evidence_id):
    """A file of an anchor in the assessor's own calibration set, cleaned like live ones."""
    attempt = _my_attempt(request, pk)
    evidence = get_object_or_404(
        Evidence,
        pk=evidence_id,
        kind="file",
        removed_at__isnull=True,
        submission__anchor__calibration_set=attempt.calibration_set_id,
    )
    return cleaned_file(evidence, f"calibration-{attempt.pk}-{evidence.pk}")
