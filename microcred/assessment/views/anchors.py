"""An issuer admin's anchors: calibration sets and the expert-scored submissions in them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.catalog.models import Requirement
from microcred.submissions.models import Submission

from .. import calibration as calibration_services
from .. import selectors, staffing
from .issuer_pages import micro_credential_for


@login_required
def anchors(request, mc_pk):
    micro_credential = micro_credential_for(request, mc_pk, allowed=permissions.can_manage_anchors)
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
    micro_credential = micro_credential_for(request, mc_pk, allowed=permissions.can_manage_anchors)
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
