import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.catalog.models import MicroCredentialVersion, Stack

from . import case, catalogs, exports, selectors, services
from .forms import CatalogUploadForm, FrameworkUploadForm
from .models import Framework, FrameworkItem
from .registry import publish_url, registry_configured


def _json(document, *, content_type="application/ld+json") -> HttpResponse:
    response = HttpResponse(json.dumps(document, indent=2), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response


# -- Public documents ---------------------------------------------------------------------


@require_GET
def ctdl_catalog(request):
    return _json(exports.ctdl_catalog())


@require_GET
def ctdl_issuer(request, slug):
    issuer = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.ISSUER)
    return _json(exports.ctdl_issuer(issuer))


@require_GET
def ctdl_micro_credential(request, slug):
    if (version := selectors.published_version(slug)) is None:
        raise Http404
    return _json(exports.ctdl_micro_credential(version))


@require_GET
def ctdl_stack(request, slug):
    if (stack := selectors.published_stack(slug)) is None:
        raise Http404
    return _json(exports.ctdl_stack(stack))


@require_GET
def ob3_catalog(request):
    return _json(exports.ob3_catalog(), content_type="application/json")


@require_GET
def ob3_micro_credential(request, slug):
    if (version := selectors.published_version(slug)) is None:
        raise Http404
    return _json(exports.ob3_micro_credential(version), content_type="application/json")


@require_GET
def ob3_stack(request, slug):
    if (stack := selectors.published_stack(slug)) is None:
        raise Http404
    return _json(exports.ob3_stack(stack), content_type="application/json")


# -- Standards frameworks -----------------------------------------------------------------


def _upload_form(request, form_class, may_import):
    """An import's form for the issuers the person imports for (and "every issuer" or
    "the platform" for staff); refused to someone who imports for none."""
    issuers = Organization.objects.filter(kind=Organization.Kind.ISSUER).order_by("name")
    organizations = [o for o in issuers if may_import(request.user, o)]
    for_everyone = may_import(request.user, None)
    if not organizations and not for_everyone:
        raise PermissionDenied
    form = form_class(
        request.POST or None,
        request.FILES or None,
        organizations=organizations,
        for_everyone=for_everyone,
    )
    return form, organizations, for_everyone


@login_required
def frameworks(request):
    form, organizations, for_everyone = _upload_form(
        request, FrameworkUploadForm, permissions.can_import_framework
    )
    problems, more, status = [], 0, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            chosen = form.cleaned_data["organization"]
            organization = next((o for o in organizations if o.pk == chosen), None)
            upload = form.cleaned_data["file"]
            try:
                if upload.size > case.MAX_BYTES:
                    raise case.FrameworkRefused([_("The file is larger than 50 MB.")])
                framework = services.import_framework(
                    upload.read(), organization=organization, by=request.user
                )
            except case.FrameworkRefused as exc:
                problems, more = exc.problems, exc.more
            else:
                messages.success(
                    request,
                    _("Imported “%(title)s”: %(count)s standards.")
                    % {"title": framework.title, "count": framework.items.count()},
                )
                return redirect("federation:frameworks")
    visible = Framework.objects.filter(organization__in=organizations)
    if for_everyone:
        visible = Framework.objects.all()
    else:
        visible = visible | Framework.objects.filter(organization=None)
    return render(
        request,
        "federation/framework_list.html",
        {
            "form": form,
            "problems": problems,
            "more": more,
            "frameworks": visible.select_related("organization")
            .annotate(standards=Count("items"))
            .order_by("title"),
        },
        status=status,
    )


def _pick(request, *, issuer, subject_title, back_url, align):
    """A framework's standards to choose from (searchable, a page at a time); choosing one
    aligns the draft or stack to it and goes back to where the author was."""
    available = selectors.frameworks_for(issuer)
    chosen = request.POST.get("item", "")
    if request.method == "POST" and chosen.isdigit():
        item = get_object_or_404(FrameworkItem.objects.select_related("framework"), pk=chosen)
        align(item)
        messages.success(request, _("Alignment added."))
        return redirect(back_url)
    framework = None
    raw = request.GET.get("framework", "")
    if raw.isdigit():
        framework = available.filter(pk=raw).first()
    if framework is None:
        framework = available.first()
    words = request.GET.get("q", "").strip()[:200]
    page = None
    if framework is not None:
        page = Paginator(selectors.framework_items(framework, words=words), 50).get_page(
            request.GET.get("page")
        )
    return render(
        request,
        "federation/standard_pick.html",
        {
            "subject_title": subject_title,
            "back_url": back_url,
            "frameworks": available,
            "framework": framework,
            "words": words,
            "page": page,
            "not_chosen": request.method == "POST",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def pick_for_version(request, pk):
    version = get_object_or_404(
        MicroCredentialVersion.objects.select_related("micro_credential__issuer"), pk=pk
    )
    if not permissions.can_edit_version(request.user, version):
        raise PermissionDenied
    return _pick(
        request,
        issuer=version.micro_credential.issuer,
        subject_title=version.title,
        back_url=reverse("author:version", args=[version.pk]) + "#alignments",
        align=lambda item: services.align_version(version, item, by=request.user),
    )


@login_required
def pick_for_stack(request, pk):
    stack = get_object_or_404(Stack.objects.select_related("issuer"), pk=pk)
    if not permissions.can_manage_stack(request.user, stack):
        raise PermissionDenied
    return _pick(
        request,
        issuer=stack.issuer,
        subject_title=stack.title,
        back_url=reverse("author:stack", args=[stack.pk]) + "#stack-standards",
        align=lambda item: services.align_stack(stack, item, by=request.user),
    )


# -- Other providers' catalogs ------------------------------------------------------------


@login_required
def catalogs_page(request):
    form, organizations, for_everyone = _upload_form(
        request, CatalogUploadForm, permissions.can_import_catalog
    )
    problems, more, status = [], 0, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            chosen = form.cleaned_data["organization"]
            upload = form.cleaned_data["file"]
            try:
                if upload.size > catalogs.MAX_BYTES:
                    raise catalogs.CatalogRefused([_("The file is larger than 50 MB.")])
                provider, counts = services.import_catalog(
                    upload.read(),
                    format=form.cleaned_data["format"],
                    provider=form.cleaned_data["provider"],
                    organization=next((o for o in organizations if o.pk == chosen), None),
                    by=request.user,
                )
            except catalogs.CatalogRefused as exc:
                problems, more = exc.problems, exc.more
            else:
                messages.success(
                    request,
                    _(
                        "Imported the catalog of “%(name)s”: %(added)s added, %(updated)s "
                        "updated, %(retired)s retired, %(unchanged)s unchanged."
                    )
                    % {
                        "name": provider.name,
                        "added": counts.added,
                        "updated": counts.updated,
                        "retired": counts.retired,
                        "unchanged": counts.unchanged,
                    },
                )
                return redirect("federation:catalogs")
    return render(
        request,
        "federation/catalog_import.html",
        {
            "form": form,
            "problems": problems,
            "more": more,
            "providers": selectors.providers(organizations, everyone=for_everyone),
        },
        status=status,
    )


# -- Registry publishing ------------------------------------------------------------------


@login_required
def registry(request, slug):
    issuer = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.ISSUER)
    if not permissions.can_publish_to_registry(request.user, issuer):
        raise PermissionDenied
    if request.method == "POST":
        publication = services.request_publication(issuer, by=request.user)
        if publication.outcome == publication.Outcome.NOT_SENT:
            messages.warning(request, _("Nothing was sent: no registry key is configured."))
        else:
            messages.success(request, _("Publishing has started; its result appears below."))
        return redirect("federation:registry", slug=issuer.slug)
    return render(
        request,
        "federation/registry_publishing.html",
        {
            "issuer": issuer,
            "configured": registry_configured(),
            "endpoint": publish_url(),
            "publications": selectors.publications(issuer),
            "entries": len(selectors.published_versions(issuer=issuer))
            + len(selectors.published_stacks(issuer=issuer)),
        },
    )
