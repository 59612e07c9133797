"""A person's own page: their details, language, organizations and roles, and districts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from microcred.accounts import services as accounts
from microcred.accounts.middleware import remember_language
from microcred.accounts.models import Membership, Organization, role_name

from .. import selectors, services
from ..forms import JoinDistrictForm, ProfileForm


def _page(request, *, form=None, join_form=None, status=200):
    user = request.user
    affiliations = selectors.affiliations(user)
    query = (request.POST if request.method == "POST" else request.GET).get("q", "")
    districts = selectors.districts_to_join(user, query)
    return render(
        request,
        "people/profile.html",
        {
            "form": form
            or ProfileForm(
                initial={"name": user.name, "school": user.school, "language": user.language}
            ),
            "join_form": join_form or JoinDistrictForm(offered=districts),
            "can_ask": selectors.may_join_a_district(user),
            "query": query.strip()[:100],
            "matches": districts,
            "affiliations": affiliations,
            "districts": [
                a.organization
                for a in affiliations
                if a.organization.kind == Organization.Kind.DISTRICT
            ],
            "join_requests": selectors.own_join_requests(user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    if request.method != "POST":
        return _page(request)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            user = accounts.update_profile(request.user, **form.cleaned_data)
        except accounts.MembershipProblem as exc:
            form.add_error(None, str(exc))
        else:
            if user.language:
                translation.activate(user.language)
            messages.success(request, _("Your profile is saved."))
            return remember_language(redirect("people:profile"), user.language)
    return _page(request, form=form, status=400)


@login_required
@require_POST
def join(request):
    districts = selectors.districts_to_join(request.user, request.POST.get("q", ""))
    form = JoinDistrictForm(request.POST, offered=districts)
    if form.is_valid():
        district = form.cleaned_data["district"]
        try:
            services.ask_to_join(
                district,
                by=request.user,
                school=form.cleaned_data["school"],
                note=form.cleaned_data["note"],
            )
        except services.MembershipProblem as exc:
            form.add_error("district", str(exc))
        else:
            messages.success(
                request,
                _("%(district)s has been asked; you will be told when its admins answer.")
                % {"district": district.name},
            )
            return redirect("people:profile")
    return _page(request, join_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, slug, role):
    """Give up one of one's own roles, after a confirmation."""
    membership = get_object_or_404(
        Membership.objects.select_related("organization"),
        user=request.user,
        organization__slug=slug,
        role=role,
        is_active=True,
    )
    organization = membership.organization
    problem = ""
    if request.method == "POST":
        try:
            services.end_role(organization, request.user, role, by=request.user)
        except accounts.MembershipProblem as exc:
            problem = str(exc)
        else:
            messages.success(
                request,
                _("You are no longer %(role)s at %(organization)s.")
                % {
                    "role": role_name(role, organization.kind).lower(),
                    "organization": organization.name,
                },
            )
            return redirect("people:profile")
    return render(
        request,
        "people/leave_confirm.html",
        {
            "organization": organization,
            "role_name": role_name(role, organization.kind),
            "problem": problem,
        },
        status=409 if problem else 200,
    )
