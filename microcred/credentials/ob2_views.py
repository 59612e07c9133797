"""Open Badges 2.0 hosted documents (assertion, badge class, issuer, revocation list) and
the baked badge images of awards: public, no sign-in, cacheable for a short while so that a
revocation reaches backpacks soon."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from microcred.accounts.models import Organization
from microcred.accounts.throttle import throttled
from microcred.catalog.models import MicroCredentialVersion, Stack, VersionStatus

from . import selectors
from .formats import baked, baking, ob2
from .models import Award
from .views import visible_award


def _ob2(document: dict, *, award: Award | None = None) -> HttpResponse:
    response = HttpResponse(json.dumps(document, indent=2), content_type=ob2.CONTENT_TYPE)
    return _shared(response, award)


def _shared(response: HttpResponse, award: Award | None) -> HttpResponse:
    """Public documents are for any backpack and cached briefly; those of an award its
    earner made private are only for the people who may see its page, and never stored."""
    if award is not None and not award.is_public:
        patch_cache_control(response, private=True, no_store=True)
        return response
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=300)
    return response


def _issuer_org(slug) -> Organization:
    return get_object_or_404(Organization, slug=slug, kind=Organization.Kind.ISSUER)


def _published_version(slug, number) -> MicroCredentialVersion:
    return get_object_or_404(
        MicroCredentialVersion.objects.select_related("micro_credential__issuer"),
        micro_credential__slug=slug,
        number=number,
        status__in=[VersionStatus.PUBLISHED, VersionStatus.RETIRED],
    )


@require_GET
def ob2_assertion(request, public_id):
    award = visible_award(request, public_id)
    return _ob2(ob2.hosted_assertion(award), award=award)


@require_GET
def ob2_issuer(request, slug):
    return _ob2(ob2.issuer(_issuer_org(slug)))


@require_GET
def ob2_revocations(request, slug):
    organization = _issuer_org(slug)
    return _ob2(ob2.revocation_list(organization, selectors.revoked_award_ids(organization)))


@require_GET
def ob2_badge(request, slug, number):
    return _ob2(ob2.micro_credential_badge_class(_published_version(slug, number)))


@require_GET
def ob2_stack_badge(request, slug):
    return _ob2(ob2.stack_badge_class(get_object_or_404(Stack, slug=slug)))


def _image(
    body: bytes | str, content_type: str, *, request, name: str, award: Award | None = None
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    # An SVG opened on its own is a document: nothing in it may run or load.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    )
    return _shared(response, award)


@require_GET
def ob2_badge_image(request, slug, number):
    version = _published_version(slug, number)
    png = baking.badge_png(version.image, title=version.title)
    return _image(png, "image/png", request=request, name=f"{slug}-{number}.png")


@require_GET
def ob2_stack_badge_image(request, slug):
    stack = get_object_or_404(Stack, slug=slug)
    png = baking.badge_png(stack.image, title=stack.title)
    return _image(png, "image/png", request=request, name=f"{slug}.png")


def _baking_refused(request, refused):
    return HttpResponse(refused.message, status=429, content_type="text/plain; charset=utf-8")


@require_GET
@throttled("baked-images", refuse=_baking_refused, methods=("GET",))
def baked_badge(request, public_id, standard, suffix):
    award = visible_award(request, public_id)
    makers = {
        ("ob2", "png"): baked.ob2_png,
        ("ob2", "svg"): baked.ob2_svg,
        ("ob3", "png"): baked.ob3_png,
        ("ob3", "svg"): baked.ob3_svg,
    }
    try:
        body = makers[standard, suffix](award)
    except baked.NotSigned as exc:
        raise Http404 from exc
    name = f"{award.public_id}-{'badge' if standard == 'ob2' else 'credential'}.{suffix}"
    content_type = "image/png" if suffix == "png" else "image/svg+xml"
    return _image(body, content_type, request=request, name=name, award=award)
