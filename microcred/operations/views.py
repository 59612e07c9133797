import sys
from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import outage, selectors


@never_cache
@require_safe
def health(request):
    """For load balancers and monitors: 200 when the database answers and a task worker
    is alive, 503 otherwise, with what was found."""
    report = selectors.health()
    return JsonResponse(report, status=200 if report["healthy"] else 503)


@require_safe
def security_txt(request):
    """Where to report a security problem, for people and scanners (RFC 9116)."""
    if not settings.SECURITY_CONTACTS:
        raise Http404
    # Expires rolls ahead from midnight UTC, so the file never goes stale and is the same
    # all day (§2.5.5 asks for less than a year).
    midnight = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    expires = midnight + timedelta(days=settings.SECURITY_TXT_DAYS)
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_CONTACTS]
    lines.append(f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}")
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    lines.append("Preferred-Languages: en")
    lines.append(f"Canonical: {settings.BASE_URL}/.well-known/security.txt")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 handler. Django calls it while handling the exception, so the exception is
    at hand: an unreachable database answers 503 (JSON to API callers), anything else
    the plain 500 page."""
    if outage.is_outage(sys.exc_info()[1]):
        if outage.wants_json(request):
            return outage.unavailable_problem()
        return outage.unavailable_page()
    if outage.wants_json(request):
        return outage.problem(
            500, "Server error", "Something went wrong on our side; the problem is logged."
        )
    return HttpResponseServerError(loader.render_to_string("500.html"))
