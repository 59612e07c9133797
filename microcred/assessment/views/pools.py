"""The issuer's assessor pool pages: invite, change what each member assesses, capacity,
pause and remove. Plain forms; every write is one call to the pool services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from microcred import permissions
from microcred.accounts.models import Invitation, Organization

from .. import pools, selectors, staffing
from ..models import PoolMember


def _issuer(request, slug) -> Organization:
    issuer = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.ISSUER)
    if not permissions.can_manage_pool(request.user, issuer):
        raise PermissionDenied
    return issuer


def _member(issuer, pk) -> PoolMember:
    member = (
        PoolMember.objects.select_related("assessor__user", "issuer")
        .filter(pk=pk, issuer=issuer)
        .first()
    )
    if member is None or member.removed_at is not None:
        raise Http404(_("Nobody with this number is in the pool."))
    return member


def _errors(exc: ValidationError) -> dict[str, str]:
    return {key: " ".join(values) for key, values in exc.message_dict.items()}


def _pool_page(request, issuer, *, errors=None, posted=None, status=200):
    mcs = selectors.issuer_micro_credentials(issuer)
    staffed = staffing.staffing_of([mc.pk for mc, _title in mcs])
    posted = posted or {}
    chosen = {str(pk) for pk in posted.get("micro_credentials", [])}
    return render(
        request,
        "assessment/pool.html",
        {
            "issuer": issuer,
            "micro_credentials": [
                (mc, title, staffed[mc.pk], str(mc.pk) in chosen) for mc, title in mcs
            ],
            "members": selectors.pool_members(issuer),
            "invitations": selectors.pool_invitations(issuer),
            "changes": selectors.pool_changes(issuer, limit=15),
            "errors": errors or {},
            "posted": posted,
            "default_capacity": pools.DEFAULT_CAPACITY,
            "max_capacity": pools.MAX_POOL_CAPACITY,
        },
        status=status,
    )


@require_GET
@login_required
def pool(request, slug):
    return _pool_page(request, _issuer(request, slug))


@require_POST
@login_required
def invite(request, slug):
    issuer = _issuer(request, slug)
    posted = {
        "email": request.POST.get("email", "")[:300],
        "name": request.POST.get("name", "")[:150],
        "capacity": request.POST.get("capacity", "")[:20],
        "micro_credentials": request.POST.getlist("micro_credentials")[:500],
    }
    try:
        invitation = pools.invite_assessor(
            issuer,
            by=request.user,
            email=posted["email"],
            name=posted["name"],
            micro_credential_ids=posted["micro_credentials"],
            capacity=posted["capacity"],
        )
    except ValidationError as exc:
        return _pool_page(request, issuer, errors=_errors(exc), posted=posted, status=400)
    if invitation is None:
        message = _(
            "%(email)s is already an assessor of %(issuer)s, so they joined the pool now and "
            "were told by e-mail. They calibrate before reviews reach them."
        )
    else:
        message = _(
            "Invitation sent to %(email)s. They join the pool when they accept, then "
            "calibrate before reviews reach them."
        )
    messages.success(
        request, message % {"email": posted["email"].strip().lower(), "issuer": issuer.name}
    )
    return redirect("assessment:pool", slug=issuer.slug)


def _invitation_action(request, slug, pk, action, success):
    issuer = _issuer(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organization=issuer)
    try:
        action(issuer, invitation, by=request.user)
    except pools.PoolProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success % {"email": invitation.email})
    return redirect("assessment:pool", slug=issuer.slug)


@require_POST
@login_required
def invitation_resend(request, slug, pk):
    return _invitation_action(
        request,
        slug,
        pk,
        pools.resend_invitation,
        _("Sent again to %(email)s, with a new link; the old link no longer works."),
    )


@require_POST
@login_required
def invitation_revoke(request, slug, pk):
    return _invitation_action(
        request,
        slug,
        pk,
        pools.revoke_invitation,
        _("The invitation to %(email)s is revoked; its link no longer works."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def member(request, slug, pk):
    issuer = _issuer(request, slug)
    current = _member(issuer, pk)
    errors, posted = {}, {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "micro_credentials":
                posted["micro_credentials"] = request.POST.getlist("micro_credentials")[:500]
                pools.set_micro_credentials(
                    current, by=request.user, micro_credential_ids=posted["micro_credentials"]
                )
                done = _("Saved what %(name)s may assess.")
            elif action == "capacity":
                posted["capacity"] = request.POST.get("capacity", "")[:20]
                pools.set_capacity(
                    current, by=request.user, capacity=pools.parse_capacity(posted["capacity"])
                )
                done = _("Capacity of %(name)s saved.")
            elif action == "pause":
                pools.pause(current, by=request.user, reason=request.POST.get("reason", "")[:200])
                done = _("%(name)s is paused: no new reviews from this issuer until resumed.")
            elif action == "resume":
                pools.resume(current, by=request.user)
                done = _("%(name)s takes new reviews again.")
            else:
                messages.error(request, _("Choose what to change."))
                return redirect("assessment:pool_member", slug=issuer.slug, pk=current.pk)
        except ValidationError as exc:
            errors = _errors(exc)
        except pools.PoolProblem as exc:
            messages.error(request, str(exc))
            return redirect("assessment:pool_member", slug=issuer.slug, pk=current.pk)
        else:
            user = current.assessor.user
            messages.success(request, done % {"name": user.name or user.email})
            return redirect("assessment:pool_member", slug=issuer.slug, pk=current.pk)
        current = _member(issuer, pk)
    row = selectors.pool_members(issuer, member_ids=[current.pk])[0]
    held = {q.micro_credential_id for _t, q, _s in row.micro_credentials}
    if "micro_credentials" in posted:
        held = {int(pk) for pk in posted["micro_credentials"] if str(pk).isdigit()}
    return render(
        request,
        "assessment/pool_member.html",
        {
            "issuer": issuer,
            "row": row,
            "member": current,
            "micro_credentials": [
                (mc, title, mc.pk in held)
                for mc, title in selectors.issuer_micro_credentials(issuer)
            ],
            "changes": selectors.pool_changes(issuer, member=current),
            "errors": errors,
            "capacity": posted.get("capacity", current.capacity),
            "max_capacity": pools.MAX_POOL_CAPACITY,
        },
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_remove(request, slug, pk):
    """What removing someone does to their open work, said before they confirm."""
    issuer = _issuer(request, slug)
    current = _member(issuer, pk)
    if request.method == "POST":
        try:
            removal = pools.remove_from_pool(
                current,
                by=request.user,
                hand_on_accepted=request.POST.get("accepted") == "hand_on",
            )
        except pools.PoolProblem as exc:
            messages.error(request, str(exc))
        else:
            user = current.assessor.user
            messages.success(
                request,
                _("%(name)s is no longer in the pool (%(summary)s).")
                % {"name": user.name or user.email, "summary": pools.removal_summary(removal)},
            )
        return redirect("assessment:pool", slug=issuer.slug)
    return render(
        request,
        "assessment/pool_member_remove.html",
        {
            "issuer": issuer,
            "row": selectors.pool_members(issuer, member_ids=[current.pk])[0],
            "member": current,
        },
    )
