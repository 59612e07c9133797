from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from microcred.catalog.models import Cohort, MicroCredential

from . import selectors, services


@require_GET
@login_required
@never_cache
def home(request):
    return render(request, "backpack/backpack.html", {"backpack": selectors.backpack(request.user)})


@require_POST
@login_required
def enroll(request, slug):
    mc = get_object_or_404(MicroCredential, slug=slug)
    cohort = None
    if cohort_id := request.POST.get("cohort"):
        cohort = get_object_or_404(Cohort, pk=cohort_id if cohort_id.isdigit() else 0)
    try:
        services.enroll(mc, by=request.user, cohort=cohort)
    except services.NotAvailable as exc:
        messages.error(request, str(exc))
        return redirect(mc)
    messages.success(
        request, _("“%(title)s” is in your backpack.") % {"title": mc.current_version.title}
    )
    return redirect("backpack:home")
