"""An organization's members page: people and roles, invitations, requests to join, and
the history of every change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from microcred import permissions
from microcred.accounts import services as accounts
from microcred.accounts.models import Invitation, Membership, Organization, Role, User, role_name

from .. import selectors, services
from ..forms import InviteForm, RevokeForm, SignInRulesForm
from ..models import JoinRequest


def _organization(request, slug) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not permissions.can_manage_members(request.user, organization):
        raise PermissionDenied
    return organization


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug):
    """Everyone holding a role here, pending invitations, requests to join, the latest
    changes; the form on it invites one person by e-mail."""
    organization = _organization(request, slug)
    roles = selectors.grantable_roles(request.user, organization)
    form = InviteForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = accounts.invite(
                organization,
                by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                name=form.cleaned_data["name"],
            )
        except accounts.MembershipProblem as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("people:members", slug=slug)
    is_district = organization.kind == Organization.Kind.DISTRICT
    return render(
        request,
        "people/members.html",
        {
            "organization": organization,
            "form": form,
            "query": request.GET.get("q", "").strip(),
            "members": selectors.members(
                organization,
                viewer=request.user,
                query=request.GET.get("q", ""),
                page=request.GET.get("page"),
            ),
            "invitations": selectors.pending_invitations(organization),
            "can_decide_requests": permissions.can_decide_join_request(request.user, organization),
            "join_requests": selectors.open_join_requests(organization) if is_district else [],
            "is_district": is_district,
            "changes": selectors.changes(organization).object_list[:10],
            "can_invite": bool(roles),
            "can_change_sign_in_rules": permissions.can_change_sign_in_rules(
                request.user, organization
            ),
            "can_manage_webhooks": permissions.can_manage_webhooks(request.user, organization),
            "can_manage_api_clients": permissions.can_manage_api_clients(
                request.user, organization
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def grant(request, slug):
    organization = _organization(request, slug)
    user_id = request.POST.get("user", "")
    user = User.objects.filter(pk=user_id).first() if user_id.isdigit() else None
    role = request.POST.get("role", "")
    if user is None:
        messages.error(request, _("Choose a member to give the role to."))
    elif not Membership.objects.filter(
        user=user, organization=organization, is_active=True
    ).exists():
        messages.error(request, _("Only members get roles here; invite others by e-mail."))
    elif role not in Role.values or not permissions.can_grant_role(
        request.user, organization, role
    ):
        raise PermissionDenied
    else:
        try:
            accounts.grant_role(organization, user, role, by=request.user)
        except accounts.MembershipProblem as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s is now %(role)s.")
                % {"name": user.name or user.email, "role": role_name(role, organization.kind)},
            )
    return redirect("people:members", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request, slug, user_id, role):
    """Confirm, with an optional reason, before a role is taken away."""
    organization = _organization(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        organization=organization,
        user_id=user_id,
        role=role,
        is_active=True,
    )
    if not permissions.can_grant_role(request.user, organization, role):
        raise PermissionDenied
    form = RevokeForm(request.POST if request.method == "POST" else None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.end_role(
                organization,
                membership.user,
                role,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except accounts.MembershipProblem as exc:
            problem = str(exc)
        else:
            messages.success(
                request,
                _("%(name)s is no longer %(role)s.")
                % {
                    "name": membership.user.name or membership.user.email,
                    "role": role_name(role, organization.kind).lower(),
                },
            )
            return redirect("people:members", slug=slug)
    return render(
        request,
        "people/revoke_confirm.html",
        {
            "organization": organization,
            "person": membership.user,
            "role_name": role_name(role, organization.kind),
            "form": form,
            "problem": problem,
        },
        status=409 if problem else 200,
    )


def _invitation(request, slug, pk) -> Invitation:
    organization = _organization(request, slug)
    return get_object_or_404(
        Invitation.objects.select_related("organization"), pk=pk, organization=organization
    )


@login_required
@require_POST
def resend_invitation(request, slug, pk):
    invitation = _invitation(request, slug, pk)
    try:
        accounts.resend_invitation(invitation, by=request.user)
    except accounts.MembershipProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("A new link was sent to %(email)s.") % {"email": invitation.email}
        )
    return redirect("people:members", slug=slug)


@login_required
@require_POST
def revoke_invitation(request, slug, pk):
    invitation = _invitation(request, slug, pk)
    try:
        accounts.revoke_invitation(invitation, by=request.user)
    except accounts.MembershipProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s no longer works.") % {"email": invitation.email},
        )
    return redirect("people:members", slug=slug)


@login_required
@require_POST
def decide_join_request(request, slug, pk):
    organization = get_object_or_404(Organization, slug=slug)
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user"), pk=pk, district=organization
    )
    approve = request.POST.get("approve") == "1"
    try:
        services.decide_join_request(join_request, by=request.user, approve=approve)
    except accounts.MembershipProblem as exc:
        messages.error(request, str(exc))
    else:
        name = join_request.user.name or join_request.user.email
        messages.success(
            request,
            (
                _("%(name)s is now an educator of %(district)s; they have been told.")
                if approve
                else _("You declined %(name)s's request; they have been told.")
            )
            % {"name": name, "district": organization.name},
        )
    return redirect("people:members", slug=slug)


@login_required
@require_GET
def history(request, slug):
    organization = _organization(request, slug)
    return render(
        request,
        "people/history.html",
        {
            "organization": organization,
            "changes": selectors.changes(organization, page=request.GET.get("page")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_in_rules(request, slug):
    """Whether this organization's admins must sign in with two-factor authentication."""
    organization = get_object_or_404(Organization, slug=slug)
    if not permissions.can_change_sign_in_rules(request.user, organization):
        raise PermissionDenied
    form = SignInRulesForm(
        request.POST if request.method == "POST" else None,
        initial={"require_two_factor": organization.require_two_factor},
    )
    if request.method == "POST" and form.is_valid():
        required = form.cleaned_data["require_two_factor"]
        services.set_two_factor_requirement(organization, by=request.user, required=required)
        if required:
            messages.success(
                request,
                _(
                    "Admins of %(name)s now sign in with two-factor authentication. Those "
                    "who have not set it up are asked to at their next page."
                )
                % {"name": organization.name},
            )
        else:
            messages.success(
                request,
                _("Admins of %(name)s may sign in with a password only.")
                % {"name": organization.name},
            )
        return redirect("people:members", slug=slug)
    return render(
        request,
        "people/sign_in_rules.html",
        {"organization": organization, "form": form},
        status=400 if form.errors else 200,
    )
