"""An organization's API clients page: its systems that reach the REST API with the
client credentials grant, the form that makes one (its secret shown on that answer
alone, with how to get a token) and the revoking of one. Plain forms, no script."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microcred import permissions
from microcred.accounts.models import Organization, role_name

from .. import scopes, selectors, services
from ..forms import ApiClientForm
from ..models import OrganizationClient


def _organization(request, slug) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not permissions.can_manage_api_clients(request.user, organization):
        raise PermissionDenied
    return organization


def _rows(organization) -> list[dict]:
    rows = []
    for client in selectors.organization_clients(organization):
        revoked = client.revoked_at is not None
        roles = dict.fromkeys(
            role_name(membership.role, organization.kind)
            for membership in client.account.held
            if revoked or membership.is_active
        )
        rows.append(
            {
                "client": client,
                "roles": list(roles),
                "areas": scopes.in_words(scopes.parse(client.scope)),
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def clients(request, slug):
    """The organization's API clients, and the form that makes one."""
    organization = _organization(request, slug)
    form = ApiClientForm(
        request.POST or None,
        organization=organization,
        roles=services.client_roles(organization, by=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_organization_client(
                organization,
                by=request.user,
                name=form.cleaned_data["name"],
                roles=form.cleaned_data["roles"],
                scope=form.cleaned_data["scopes"],
            )
        except services.ConnectProblem as exc:
            form.add_error(None, exc.message)
        else:
            return _made(request, organization, new)
    return render(
        request,
        "connect/api_clients.html",
        {"organization": organization, "clients": _rows(organization), "form": form},
        status=400 if form.errors else 200,
    )


def _made(request, organization, new: services.NewClient):
    """The one answer that shows the secret: it is stored only as a hash."""
    client = new.client
    response = render(
        request,
        "connect/api_client_made.html",
        {
            "organization": organization,
            "client": client,
            "client_id": client.application.client_id,
            "client_secret": new.client_secret,
            "token_url": request.build_absolute_uri(reverse("connect:token")),
            "api_url": request.build_absolute_uri("/api/v1/"),
            "scope": client.scope,
            "areas": scopes.in_words(scopes.parse(client.scope)),
        },
        status=201,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, slug, pk):
    organization = _organization(request, slug)
    client = get_object_or_404(
        OrganizationClient.objects.select_related("application"),
        pk=pk,
        organization=organization,
    )
    if request.method == "POST" and client.revoked_at is None:
        try:
            services.revoke_organization_client(client, by=request.user)
        except services.ConnectProblem as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s is revoked: its tokens no longer work and its secret gets no new one.")
                % {"name": client.application.name},
            )
        return redirect("connect:api_clients", slug=slug)
    if client.revoked_at is not None:
        return redirect("connect:api_clients", slug=slug)
    return render(
        request,
        "connect/api_client_revoke.html",
        {"organization": organization, "client": client},
    )
