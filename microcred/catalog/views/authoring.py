"""The issuer's workspace: drafting, checking and publishing micro-credentials."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from microcred import permissions
from microcred.accounts.models import Organization

from .. import services
from ..above import answers as above
from ..checklist import quality_checklist
from ..forms import (
    AlignmentForm,
    CriterionForm,
    DetailsForm,
    NewMicroCredentialForm,
    RequirementForm,
    ResourceForm,
    add_service_errors,
)
from ..models import (
    Alignment,
    MicroCredential,
    MicroCredentialVersion,
    PaymentOption,
    Requirement,
    Resource,
    RubricCriterion,
    Stack,
)


def _authoring_issuers(user):
    if permissions.is_platform_staff(user):
        return Organization.objects.filter(kind=Organization.Kind.ISSUER)
    return Organization.objects.filter(
        kind=Organization.Kind.ISSUER,
        pk__in=permissions.organizations_with_role(user, *permissions.AUTHOR_ROLES),
    )


@login_required
def workspace(request):
    issuers = _authoring_issuers(request.user)
    if not permissions.can_author_anywhere(request.user):
        raise PermissionDenied
    form = NewMicroCredentialForm(request.POST or None, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        version = services.create_micro_credential(
            form.cleaned_data["issuer"], by=request.user, title=form.cleaned_data["title"]
        )
        messages.success(request, _("Draft created. Fill in each section, then publish."))
        return redirect("author:version", pk=version.pk)
    micro_credentials = (
        MicroCredential.objects.filter(issuer__in=issuers)
        .select_related("issuer", "current_version")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=MicroCredentialVersion.objects.order_by("-number"),
            )
        )
        .order_by("slug")
    )
    stacks = Stack.objects.filter(issuer__in=issuers).select_related("issuer").order_by("title")
    return render(
        request,
        "catalog/author_workspace.html",
        {
            "form": form,
            "micro_credentials": micro_credentials,
            "stacks": stacks,
            "issuers": issuers,
            "open_duplicate_flags": above.open_duplicate_flags(request.user),
            "pool_issuers": [i for i in issuers if permissions.can_manage_pool(request.user, i)],
            "unstaffed": above.unstaffed([i.pk for i in issuers]),
        },
        status=400 if form.errors else 200,
    )


def _version_for_author(request, pk) -> MicroCredentialVersion:
    version = get_object_or_404(
        MicroCredentialVersion.objects.select_related("micro_credential__issuer"), pk=pk
    )
    if not permissions.can_author(request.user, version.micro_credential.issuer):
        raise PermissionDenied
    return version


def _editor_context(request, version, **forms):
    version = (
        MicroCredentialVersion.objects.select_related("micro_credential__issuer")
        .prefetch_related(
            Prefetch(
                "requirements",
                queryset=Requirement.objects.prefetch_related("criteria"),
            ),
            "resources",
            "alignments",
            "topics",
            "grade_bands",
        )
        .get(pk=version.pk)
    )
    user = request.user
    staffed = above.staffing(version.micro_credential)
    checklist = quality_checklist(version, staffing=staffed)
    criterion_forms = forms.get("criterion_forms", {})
    return {
        "version": version,
        "mc": version.micro_credential,
        "checklist": checklist,
        "checklist_passed": all(item.passed for item in checklist if item.blocking),
        "staffing": staffed,
        "can_manage_pool": permissions.can_manage_pool(user, version.micro_credential.issuer),
        "payment_method_labels": [
            str(option.label) for option in PaymentOption if version.accepts(option)
        ],
        "cohorts": version.micro_credential.cohorts.select_related("facilitator"),
        "can_edit": permissions.can_edit_version(user, version),
        "can_submit_for_review": permissions.can_submit_for_review(user, version),
        "can_publish": permissions.can_publish(user, version),
        "can_return_to_draft": permissions.can_return_to_draft(user, version),
        "can_retire": permissions.can_retire(user, version),
        "can_start_revision": permissions.can_start_revision(user, version)
        and not version.micro_credential.versions.filter(
            status__in=["draft", "in_review"]
        ).exists(),
        "details_form": forms.get("details_form") or DetailsForm(instance=version),
        "requirement_form": forms.get("requirement_form") or RequirementForm(prefix="requirement"),
        "requirement_rows": [
            (
                requirement,
                criterion_forms.get(requirement.pk)
                or CriterionForm(prefix=f"criterion-{requirement.pk}"),
            )
            for requirement in version.requirements.all()
        ],
        "resource_form": forms.get("resource_form") or ResourceForm(prefix="resource"),
        "alignment_form": forms.get("alignment_form") or AlignmentForm(prefix="alignment"),
        "versions": version.micro_credential.versions.order_by("-number"),
    }


def _render_editor(request, version, status=200, **forms):
    return render(
        request,
        "catalog/author_version.html",
        _editor_context(request, version, **forms),
        status=status,
    )


def _back(version, anchor=""):
    return redirect(reverse("author:version", args=[version.pk]) + (f"#{anchor}" if anchor else ""))


def _locked(request, version, exc):
    messages.error(request, str(exc))
    return _back(version)


@login_required
def version_editor(request, pk):
    version = _version_for_author(request, pk)
    return _render_editor(request, version)


@require_POST
@login_required
def save_details(request, pk):
    version = _version_for_author(request, pk)
    form = DetailsForm(request.POST, request.FILES, instance=version)
    # The form must not write the instance itself: the service decides.
    if form.is_valid():
        data = dict(form.cleaned_data)
        image = data.pop("image", None)
        if image is False:  # "clear" ticked
            data["image"] = ""
        elif isinstance(image, UploadedFile):
            data["image"] = image
        try:
            services.update_details(
                MicroCredentialVersion.objects.get(pk=pk), by=request.user, **data
            )
        except services.VersionLocked as exc:
            return _locked(request, version, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Details saved."))
            return _back(version, "details")
    version.refresh_from_db()
    return _render_editor(request, version, status=400, details_form=form)


def _sub_form(request, pk, form_class, form_name, anchor, action, success, *, prefix):
    """Handle one of the editor's smaller forms. Each has its own prefix, so that the
    fields of the forms on one page never share an id."""
    version = _version_for_author(request, pk)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            action(version, form.cleaned_data)
        except services.VersionLocked as exc:
            return _locked(request, version, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return _back(version, anchor)
    return _render_editor(request, version, status=400, **{form_name: form})


@require_POST
@login_required
def add_requirement(request, pk):
    return _sub_form(
        request,
        pk,
        RequirementForm,
        "requirement_form",
        "requirements",
        lambda version, data: services.add_requirement(version, by=request.user, **data),
        _("Requirement added."),
        prefix="requirement",
    )


@require_POST
@login_required
def add_resource(request, pk):
    return _sub_form(
        request,
        pk,
        ResourceForm,
        "resource_form",
        "resources",
        lambda version, data: services.add_resource(version, by=request.user, **data),
        _("Resource added."),
        prefix="resource",
    )


@require_POST
@login_required
def add_alignment(request, pk):
    return _sub_form(
        request,
        pk,
        AlignmentForm,
        "alignment_form",
        "alignments",
        lambda version, data: services.add_alignment(version, by=request.user, **data),
        _("Alignment added."),
        prefix="alignment",
    )


@require_POST
@login_required
def add_criterion(request, pk, requirement_pk):
    version = _version_for_author(request, pk)
    requirement = get_object_or_404(Requirement, pk=requirement_pk, version=version)
    form = CriterionForm(request.POST, prefix=f"criterion-{requirement.pk}")
    if form.is_valid():
        try:
            services.add_criterion(requirement, by=request.user, **form.cleaned_data)
        except services.VersionLocked as exc:
            return _locked(request, version, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Criterion added."))
            return _back(version, f"requirement-{requirement.pk}")
    return _render_editor(request, version, status=400, criterion_forms={requirement.pk: form})


_REMOVABLE = {
    "requirement": (Requirement, "version", services.remove_requirement),
    "criterion": (RubricCriterion, "requirement__version", services.remove_criterion),
    "resource": (Resource, "version", services.remove_resource),
    "alignment": (Alignment, "version", services.remove_alignment),
}


@require_POST
@login_required
def remove_part(request, pk, kind, part_pk):
    version = _version_for_author(request, pk)
    if kind not in _REMOVABLE:
        raise PermissionDenied
    model, version_path, remove = _REMOVABLE[kind]
    part = get_object_or_404(model, pk=part_pk, **{version_path: version})
    try:
        remove(part, by=request.user)
    except services.VersionLocked as exc:
        return _locked(request, version, exc)
    messages.success(request, _("Removed."))
    return _back(version)


def _lifecycle(request, pk, action, success):
    version = _version_for_author(request, pk)
    try:
        result = action(version)
    except services.ChecklistFailed as exc:
        count = len(exc.failing)
        messages.error(
            request,
            ngettext(
                "Not yet: %(count)d item of the quality checklist is still missing. "
                "The checklist says what it needs.",
                "Not yet: %(count)d items of the quality checklist are still missing. "
                "The checklist says what each needs.",
                count,
            )
            % {"count": count},
        )
        return _render_editor(request, version, status=400)
    except (services.VersionLocked, services.IllegalVersionMove) as exc:
        messages.error(request, str(exc))
        return _back(version)
    messages.success(request, success)
    return redirect("author:version", pk=result.pk)


@require_POST
@login_required
def submit_for_review(request, pk):
    return _lifecycle(
        request,
        pk,
        lambda v: services.submit_for_review(v, by=request.user),
        _("Sent to quality review. It can be published once reviewed."),
    )


@require_POST
@login_required
def return_to_draft(request, pk):
    return _lifecycle(
        request,
        pk,
        lambda v: services.return_to_draft(v, by=request.user),
        _("Returned to draft for changes."),
    )


@require_POST
@login_required
def publish(request, pk):
    return _lifecycle(
        request,
        pk,
        lambda v: services.publish(v, by=request.user),
        _("Published. It is now in the public catalog."),
    )


@require_POST
@login_required
def retire(request, pk):
    return _lifecycle(
        request,
        pk,
        lambda v: services.retire(v, by=request.user),
        _("Retired. Earners who started it keep their version."),
    )


@require_POST
@login_required
def start_revision(request, pk):
    return _lifecycle(
        request,
        pk,
        lambda v: services.start_revision(v.micro_credential, by=request.user),
        _("A new draft version is open. The published version stays live until you publish."),
    )
