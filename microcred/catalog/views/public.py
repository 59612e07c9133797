from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from microcred import permissions
from microcred.accounts.models import Organization

from .. import selectors
from ..above import answers as above
from ..models import ExternalListing
from ..search import MAX_QUERY_CHARS


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except (TypeError, ValueError):
        return 1


@require_GET
def catalog(request):
    filters = {name: request.GET.getlist(name) for name in selectors.FACETS}
    results = selectors.catalog_search(
        request.GET.get("q", ""),
        filters=filters,
        sort=request.GET.get("sort", ""),
        page=_page_number(request.GET.get("page")),
    )
    context = {
        "results": results,
        "sort_options": selectors.sort_options(results),
        "cards": catalog_cards(request, results.entries),
        "facet_labels": selectors.FACET_LABELS,
        "max_query_chars": MAX_QUERY_CHARS,
        "query_without_page": _query_without(request, "page"),
    }
    template = "catalog/catalog.html"
    if request.htmx and request.htmx.target == "catalog-body":
        template += "#catalog-body"
    return render(request, template, context)


def catalog_cards(request, entries) -> list[dict]:
    """Each card with the one action it offers the person looking: earn it, go to it in
    the backpack, or sign in first and come back here. Another provider's listing is
    earned on the provider's page, which its card links to."""
    enrollments = above.enrollments(request.user)
    return [
        {"listing": entry}
        if isinstance(entry, ExternalListing)
        else {
            "version": entry,
            "enrollment": enrollments.get(entry.micro_credential_id),
            "can_enroll": permissions.can_enroll(request.user, entry),
        }
        for entry in entries
    ]


def _query_without(request, *names) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@require_GET
def micro_credential(request, slug):
    mc = selectors.micro_credential_for_page(slug)
    if mc is None:
        raise Http404
    version = mc.current_version
    if version is None:
        # Retired, or never published: authors still reach it from their workspace.
        return render(request, "catalog/micro_credential_unavailable.html", {"mc": mc}, status=404)
    enrollment = above.enrollments(request.user).get(mc.pk)
    today = timezone.localdate()
    return render(
        request,
        "catalog/micro_credential_detail.html",
        {
            "mc": mc,
            "version": version,
            "enrollment": enrollment,
            "can_enroll": permissions.can_enroll(request.user, version),
            "can_author": permissions.can_author(request.user, mc.issuer),
            "stacks": [item.stack for item in mc.stack_items.all()],
            "cohorts": [
                {
                    "cohort": cohort,
                    "places_left": max(0, cohort.capacity - cohort.taken),
                    "enrolling": cohort.is_enrolling(today),
                }
                for cohort in mc.upcoming_cohorts
            ],
        },
    )


@require_GET
def stack_list(request):
    return render(request, "catalog/stack_list.html", {"stacks": selectors.published_stacks()})


@require_GET
def stack(request, slug):
    stack = selectors.stack_for_page(slug)
    if stack is None:
        raise Http404
    progress = above.stack_progress(stack, request.user)
    rows = progress.items if progress else [(item, None) for item in stack.items.all()]
    return render(
        request,
        "catalog/stack_detail.html",
        {"stack": stack, "progress": progress, "rows": rows},
    )


@require_GET
def issuer(request, slug):
    organization = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.ISSUER)
    results = selectors.catalog_search(
        "", filters={"issuer": [organization.slug]}, page_size=50, with_facets=False
    )
    stacks = selectors.published_stacks().filter(issuer=organization)
    return render(
        request,
        "catalog/issuer_detail.html",
        {
            "organization": organization,
            "results": results,
            "cards": catalog_cards(request, results.versions),
            "stacks": stacks,
        },
    )
