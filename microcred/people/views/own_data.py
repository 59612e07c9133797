"""A person's own data: download all of it, or delete the account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import erasure, own_data
from ..forms import DeleteAccountForm


@login_required
@require_POST
def download(request):
    archive = own_data.export(request.user, by=request.user)
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=own_data.filename(request.user),
        content_type="application/zip",
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_account(user, by=user, password=form.cleaned_data["password"])
        except erasure.CannotErase as exc:
            problem = str(exc)
        else:
            logout(request)
            messages.success(
                request,
                _(
                    "Your account is deleted. Your credentials still verify from the files you "
                    "kept; nothing here names you any more."
                ),
            )
            return redirect("home")
    status = 200 if request.method == "GET" else 400
    return render(
        request,
        "people/delete_account.html",
        {
            "form": form,
            "problem": problem,
            "blockers": erasure.blockers(user),
            "organizations": erasure.organizations_left(user),
            "award_count": user.awards.count(),
        },
        status=status,
    )
