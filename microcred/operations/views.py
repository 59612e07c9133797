import sys

from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
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
