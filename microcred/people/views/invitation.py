from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from microcred.accounts import invitation_links
from microcred.accounts import services as accounts
from microcred.accounts.models import Organization, Role, User

from .. import services
from ..forms import InvitationSignupForm

_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _landing(invitation) -> str:
    """Where a person starts after taking the role they were invited to."""
    organization = invitation.organization
    if invitation.role == Role.ASSESSOR:
        return reverse("assessment:calibration")
    if invitation.role == Role.FACILITATOR:
        return reverse("coaching:cohorts")
    if invitation.role in (Role.ISSUER_ADMIN, Role.ORG_ADMIN):
        if organization.kind == Organization.Kind.ISSUER:
            return reverse("author:workspace")
        return reverse("reports:organizations")
    return reverse("backpack:home")


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """An invitation's link: sign up, or sign in and accept."""
    invitation = invitation_links.find_invitation(token)
    if invitation is None:
        return render(request, "people/invitation_unknown.html", status=404)
    problem = accounts.why_not_acceptable(invitation, request.user)
    has_account = User.objects.filter(email__iexact=invitation.email).exists()
    form = InvitationSignupForm(request.POST or None)
    if request.method == "POST" and not problem:
        try:
            if request.user.is_authenticated:
                services.accept(invitation, user=request.user)
                user = request.user
            elif has_account:
                problem = _("Sign in as %(email)s first, then accept.") % {
                    "email": invitation.email
                }
                user = None
            elif form.is_valid():
                user = services.sign_up(
                    invitation,
                    name=form.cleaned_data["name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend=_BACKEND)
            else:
                user = None
        except accounts.MembershipProblem as exc:
            problem, user = str(exc), None
        except ValidationError as exc:  # the password's weaknesses, each said
            form.add_error("password1", exc)
            user = None
        if user is not None:
            messages.success(
                request,
                _("Welcome to %(organization)s. You are now %(role)s.")
                % {
                    "organization": invitation.organization.name,
                    "role": invitation.role_name.lower(),
                },
            )
            return redirect(_landing(invitation))
    unusable = bool(problem) and not (
        request.user.is_authenticated and invitation.status == "pending"
    )
    return render(
        request,
        "people/invitation.html",
        {
            "invitation": invitation,
            "problem": problem,
            "has_account": has_account,
            "form": form,
            "login_url": reverse("account_login") + "?next=" + request.path,
        },
        status=410 if unusable else (400 if form.errors else 200),
    )
