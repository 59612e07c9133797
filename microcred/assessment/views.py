"""The assessor's queue and review pages. Nothing here names the earner."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.catalog.models import MicroCredential, Requirement
from microcred.submissions.models import Evidence, Submission

from . import calibration as calibration_services
from . import charts, selectors, service_level, services, staffing
from . import reliability as reliability_services
from .models import Assignment, AssignmentStatus, CalibrationAttempt


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
            services.record_review(
                assignment,
                by=request.user,
                scores=scores,
                overall_comment=request.POST.get("overall_comment", ""),
            )
        except ValidationError as exc:
            errors = exc.message_dict
        except services.ReviewClosed as exc:
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
        services.accept(_mine(request, pk), by=request.user)
    except services.ReviewClosed as exc:
        messages.error(request, str(exc))
        return redirect("assessment:queue")
    return redirect("assessment:review", pk=pk)


@require_POST
@login_required
def decline(request, pk):
    try:
        services.decline(_mine(request, pk), by=request.user, reason=request.POST.get("reason", ""))
    except services.ReviewClosed as exc:
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
    from microcred.submissions.blind_copies import CannotClean, strip_identifying_metadata

    with evidence.file.open("rb") as handle:
        data = handle.read()
    try:
        data = strip_identifying_metadata(data, evidence.content_type)
    except CannotClean:
        raise Http404 from None
    extension = (
        evidence.original_name.rsplit(".", 1)[-1] if "." in evidence.original_name else "bin"
    )
    response = HttpResponse(data, content_type=evidence.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="evidence-{assignment.label}-{evidence.pk}.{extension}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def service_level_report(request):
    issuers = permissions.organizations_with_role(request.user, *permissions.AUTHOR_ROLES)
    if not issuers and not permissions.is_platform_staff(request.user):
        raise PermissionDenied
    if permissions.is_platform_staff(request.user):
        issuers = list(
            Organization.objects.filter(kind=Organization.Kind.ISSUER).values_list("pk", flat=True)
        )
    return render(
        request,
        "assessment/service_level.html",
        {"report": service_level.report(issuers)},
    )


# --- calibration (assessors) ---------------------------------------------------------------


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
    return _clean_file(evidence, f"calibration-{attempt.pk}-{evidence.pk}")


def _clean_file(evidence, stem: str) -> HttpResponse:
    from microcred.submissions.blind_copies import CannotClean, strip_identifying_metadata

    with evidence.file.open("rb") as handle:
        data = handle.read()
    try:
        data = strip_identifying_metadata(data, evidence.content_type)
    except CannotClean:
        raise Http404 from None
    name = evidence.original_name
    extension = name.rsplit(".", 1)[-1] if "." in name else "bin"
    response = HttpResponse(data, content_type=evidence.content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- anchors (issuer admins) ---------------------------------------------------------------


def _micro_credential(request, mc_pk, *, allowed) -> MicroCredential:
    """The micro-credential of an issuer-admin page, if `allowed(user, it)`."""
    micro_credential = get_object_or_404(
        MicroCredential.objects.select_related("issuer", "current_version"), pk=mc_pk
    )
    if not allowed(request.user, micro_credential):
        raise PermissionDenied
    return micro_credential


@login_required
def anchors(request, mc_pk):
    micro_credential = _micro_credential(request, mc_pk, allowed=permissions.can_manage_anchors)
    errors, posted = {}, {}
    if request.method == "POST":
        posted = {
            "title": request.POST.get("title", ""),
            "pass_percent": request.POST.get("pass_percent", ""),
        }
        raw = posted["pass_percent"].strip()
        try:
            percent = int(raw) if raw else None
        except ValueError:
            errors = {"pass_percent": [_("Enter a whole percentage, such as 80.")]}
        else:
            try:
                calibration_services.create_calibration_set(
                    micro_credential, by=request.user, title=posted["title"], pass_percent=percent
                )
            except ValidationError as exc:
                errors = exc.message_dict
            else:
                messages.success(request, _("Calibration set added. Now write its anchors."))
                return redirect("assessment:anchors", mc_pk=micro_credential.pk)
    elif request.method != "GET":
        return HttpResponse(status=405)
    return render(
        request,
        "assessment/anchors.html",
        {
            "micro_credential": micro_credential,
            "overview": selectors.anchor_overview(micro_credential),
            "staffing": staffing.staffing(micro_credential),
            "default_pass_percent": settings.CALIBRATION_PASS_PERCENT,
            "errors": errors,
            "posted": posted,
        },
        status=400 if errors else 200,
    )


@login_required
def anchor_new(request, mc_pk):
    micro_credential = _micro_credential(request, mc_pk, allowed=permissions.can_manage_anchors)
    version = micro_credential.current_version
    if version is None:
        messages.error(request, _("Publish the micro-credential before writing anchors for it."))
        return redirect("assessment:anchors", mc_pk=micro_credential.pk)
    requirements = list(
        Requirement.objects.filter(version=version)
        .prefetch_related("criteria")
        .order_by("position", "pk")
    )
    sets = list(micro_credential.calibration_sets.all())
    errors, data = {}, request.POST if request.method == "POST" else {}
    if request.method == "POST":
        errors = _save_anchor(request, micro_credential, requirements, sets)
        if not errors:
            messages.success(request, _("Anchor saved with its expert scores."))
            return redirect("assessment:anchors", mc_pk=micro_credential.pk)
    elif request.method != "GET":
        return HttpResponse(status=405)
    rows = _anchor_rows(requirements, data, errors)
    return render(
        request,
        "assessment/anchor_new.html",
        {
            "micro_credential": micro_credential,
            "version": version,
            "rows": rows,
            "sets": sets,
            "data": data,
            "in_live_rotation": data.get("in_live_rotation") == "on" if data else True,
            "errors": errors,
            "general_errors": errors.get("__all__", []),
        },
        status=400 if errors else 200,
    )


def _save_anchor(request, micro_credential, requirements, sets) -> dict:
    """Write the anchor the form describes; its errors by field, or none when saved."""
    data = request.POST
    expert = {}
    for requirement in requirements:
        for criterion in requirement.criteria.all():
            met = {"met": True, "not_met": False}.get(data.get(f"expert-{criterion.pk}", ""))
            expert[criterion.pk] = (met, data.get(f"rationale-{criterion.pk}", "")[:10_000])
    chosen = data.get("calibration_set")
    reference = data.get("copy_from", "").strip().upper()
    copy_from = None
    if reference:
        copy_from = Submission.objects.filter(
            reference=reference, enrollment__micro_credential=micro_credential
        ).first()
        if copy_from is None:
            return {
                "copy_from": [
                    _("No submission of this micro-credential has the ID %(ref)s.")
                    % {"ref": reference}
                ]
            }
    try:
        calibration_services.write_anchor(
            micro_credential,
            by=request.user,
            title=data.get("title", "")[:160],
            rationale=data.get("rationale", "")[:10_000],
            expert=expert,
            evidence={r.pk: data.get(f"evidence-{r.pk}", "")[:50_000] for r in requirements},
            copy_from=copy_from,
            calibration_set=next((c for c in sets if str(c.pk) == chosen), None),
            in_live_rotation=data.get("in_live_rotation") == "on",
        )
    except ValidationError as exc:
        return exc.message_dict
    return {}


def _anchor_rows(requirements, data, errors) -> list[dict]:
    """The form's requirements and criteria with what was typed and what was wrong."""
    return [
        {
            "requirement": requirement,
            "evidence": data.get(f"evidence-{requirement.pk}", ""),
            "evidence_error": " ".join(errors.get(f"evidence-{requirement.pk}", [])),
            "criteria": [
                {
                    "criterion": criterion,
                    "value": data.get(f"expert-{criterion.pk}", ""),
                    "rationale": data.get(f"rationale-{criterion.pk}", ""),
                    "error": " ".join(errors.get(f"expert-{criterion.pk}", [])),
                }
                for criterion in requirement.criteria.all()
            ],
        }
        for requirement in requirements
    ]


# --- reliability (issuer admins) -----------------------------------------------------------


def _reliability_issuers(user) -> list[int] | None:
    if permissions.is_platform_staff(user):
        return list(
            Organization.objects.filter(kind=Organization.Kind.ISSUER).values_list("pk", flat=True)
        )
    issuers = permissions.organizations_with_role(user, *permissions.AUTHOR_ROLES)
    return issuers or None


@require_GET
@login_required
def reliability(request):
    issuers = _reliability_issuers(request.user)
    if issuers is None:
        raise PermissionDenied
    return render(
        request,
        "assessment/reliability.html",
        {"summaries": selectors.reliability_summaries(issuers)},
    )


@require_GET
@login_required
def reliability_detail(request, mc_pk):
    micro_credential = _micro_credential(request, mc_pk, allowed=permissions.can_view_reliability)
    report = reliability_services.report(micro_credential)
    return render(
        request,
        "assessment/reliability_detail.html",
        {
            "report": report,
            "title": micro_credential.current_version.title
            if micro_credential.current_version
            else micro_credential.slug,
            "assessors": [
                (p, charts.drift_line(p.drift, threshold=report.threshold))
                for p in report.assessors
            ],
        },
    )


@require_GET
@login_required
def reliability_export(request, mc_pk):
    micro_credential = _micro_credential(request, mc_pk, allowed=permissions.can_view_reliability)
    report = reliability_services.report(micro_credential)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="reliability-{micro_credential.slug}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    reliability_services.write_csv(report, response)
    return response
