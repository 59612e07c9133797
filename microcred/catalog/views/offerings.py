"""The issuer's workspace for stacks and facilitated cohorts."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from microcred import permissions
from microcred.accounts.models import Organization, Role

from .. import services
from ..forms import AlignmentForm, CohortForm, StackForm, add_service_errors
from ..models import Cohort, MicroCredential, Stack, StackAlignment


def _issuer_for_author(request, slug) -> Organization:
    issuer = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.ISSUER)
    if not permissions.can_author(request.user, issuer):
        raise PermissionDenied
    return issuer


def _stack_form(request, issuer, stack=None, *, bound=True):
    micro_credentials = (
        MicroCredential.objects.filter(issuer=issuer)
        .select_related("current_version")
        .order_by("slug")
    )
    positions = (
        {item.micro_credential_id: item.position for item in stack.items.all()} if stack else {}
    )
    initial = (
        {name: getattr(stack, name) for name in services.STACK_FIELDS if name != "image"}
        if stack
        else None
    )
    return StackForm(
        (request.POST or None) if bound else None,
        (request.FILES or None) if bound else None,
        initial=initial,
        micro_credentials=micro_credentials,
        positions=positions,
    )


def _stack_data(form):
    data = {name: form.cleaned_data[name] for name in services.STACK_FIELDS}
    image = data.pop("image")
    if image is False:
        data["image"] = ""
    elif isinstance(image, UploadedFile):
        data["image"] = image
    return data


@login_required
def stack_new(request, issuer_slug):
    issuer = _issuer_for_author(request, issuer_slug)
    form = _stack_form(request, issuer)
    if request.method == "POST" and form.is_valid():
        try:
            stack = services.create_stack(
                issuer,
                by=request.user,
                micro_credentials=form.chosen_in_order(),
                **_stack_data(form),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Stack saved. Publish it when it is ready."))
            return redirect("author:stack", pk=stack.pk)
    return render(
        request,
        "catalog/author_stack.html",
        {"form": form, "issuer": issuer, "stack": None},
        status=400 if form.errors else 200,
    )


def _stack_for_author(request, pk) -> Stack:
    stack = get_object_or_404(Stack.objects.select_related("issuer"), pk=pk)
    if not permissions.can_manage_stack(request.user, stack):
        raise PermissionDenied
    return stack


def _render_stack(request, stack, form, *, alignment_form=None, status=200):
    return render(
        request,
        "catalog/author_stack.html",
        {
            "form": form,
            "issuer": stack.issuer,
            "stack": stack,
            "alignments": stack.alignments.all(),
            "alignment_form": alignment_form or AlignmentForm(prefix="alignment"),
        },
        status=status,
    )


@login_required
def stack_edit(request, pk):
    stack = _stack_for_author(request, pk)
    form = _stack_form(request, stack.issuer, stack)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_stack(
                stack,
                by=request.user,
                micro_credentials=form.chosen_in_order(),
                **_stack_data(form),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            stack.refresh_from_db()
        else:
            messages.success(request, _("Stack saved."))
            return redirect("author:stack", pk=stack.pk)
    return _render_stack(request, stack, form, status=400 if form.errors else 200)


@require_POST
@login_required
def stack_alignment_add(request, pk):
    stack = _stack_for_author(request, pk)
    alignment_form = AlignmentForm(request.POST, prefix="alignment")
    if alignment_form.is_valid():
        try:
            services.add_stack_alignment(stack, by=request.user, **alignment_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(alignment_form, exc)
        else:
            messages.success(request, _("Alignment added."))
            return redirect(reverse("author:stack", args=[stack.pk]) + "#stack-standards-h")
    form = _stack_form(request, stack.issuer, stack, bound=False)
    return _render_stack(request, stack, form, alignment_form=alignment_form, status=400)


@require_POST
@login_required
def stack_alignment_remove(request, pk, alignment_pk):
    stack = _stack_for_author(request, pk)
    alignment = get_object_or_404(StackAlignment, pk=alignment_pk, stack=stack)
    services.remove_stack_alignment(alignment, by=request.user)
    messages.success(request, _("Removed."))
    return redirect(reverse("author:stack", args=[stack.pk]) + "#stack-standards-h")


@require_POST
@login_required
def stack_publish(request, pk):
    stack = get_object_or_404(Stack.objects.select_related("issuer"), pk=pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.set_stack_published(stack, by=request.user, published=publish)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Stack published.") if publish else _("Stack taken out of the catalog."),
        )
    return redirect("author:stack", pk=stack.pk)


def _facilitators(issuer, also=None):
    """The issuer's facilitators to choose from; the cohort's current one stays listed, so
    that a facilitator whose role ended is refused by the service with the reason."""
    condition = Q(
        memberships__organization=issuer,
        memberships__role=Role.FACILITATOR,
        memberships__is_active=True,
    )
    if also is not None:
        condition |= Q(pk=also.pk)
    return get_user_model().objects.filter(condition).distinct().order_by("name")


@login_required
def cohort_new(request, slug):
    mc = get_object_or_404(MicroCredential.objects.select_related("issuer"), slug=slug)
    if not permissions.can_author(request.user, mc.issuer):
        raise PermissionDenied
    form = CohortForm(request.POST or None, facilitators=_facilitators(mc.issuer))
    if request.method == "POST" and form.is_valid():
        try:
            services.create_cohort(mc, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cohort created."))
            return redirect("author:version", pk=mc.versions.order_by("-number").first().pk)
    return render(
        request,
        "catalog/author_cohort.html",
        {"form": form, "mc": mc, "cohort": None},
        status=400 if form.errors else 200,
    )


@login_required
def cohort_edit(request, pk):
    cohort = get_object_or_404(
        Cohort.objects.select_related("micro_credential__issuer", "facilitator"), pk=pk
    )
    if not permissions.can_manage_cohort(request.user, cohort):
        raise PermissionDenied
    mc = cohort.micro_credential
    form = CohortForm(
        request.POST or None,
        initial={name: getattr(cohort, name) for name in services.COHORT_FIELDS},
        facilitators=_facilitators(mc.issuer, also=cohort.facilitator),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_cohort(cohort, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Cohort saved."))
            return redirect("author:cohort_edit", pk=cohort.pk)
    return render(
        request,
        "catalog/author_cohort.html",
        {
            "form": form,
            "mc": mc,
            "cohort": cohort,
            "enrolled": cohort.enrollments.count(),
        },
        status=400 if form.errors else 200,
    )
