from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import services
from .models import Notification


@require_GET
@login_required
def inbox(request):
    return render(
        request,
        "notifications/inbox.html",
        {"notifications": Notification.objects.filter(user=request.user)[:100]},
    )


@require_POST
@login_required
def mark_all_read(request):
    services.mark_all_read(by=request.user)
    return redirect("notifications:inbox")
