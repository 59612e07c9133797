"""Refusing a request body too large to accept from the length it declares, before any of
it is read.

Django reads a form's fields into memory up to DATA_UPLOAD_MAX_MEMORY_SIZE, but streams
files to a temporary file on disk whatever their size, and a view learns the size only
once the whole upload is there. So a request whose Content-Length is past the largest
thing this platform accepts (an evidence file, MAX_EVIDENCE_UPLOAD_BYTES, and room for the
form around it) is answered 413 at once: nothing is read, nothing written to disk. Views
with smaller limits (the verifier, badge images) keep checking their own.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import outage


def declared_length(request) -> int:
    length = request.META.get("CONTENT_LENGTH") or "0"
    return int(length) if length.isdigit() else 0


class DeclaredLengthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        if declared_length(request) > limit:
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request, limit: int) -> HttpResponse:
    detail = _(
        "What you sent is larger than %(size)s, the most this platform accepts in one "
        "request; nothing of it was read or kept. Files of evidence may be up to "
        "%(file_size)s: choose a smaller file, or share a large video as a link."
    ) % {
        "size": filesizeformat(limit),
        "file_size": filesizeformat(settings.MAX_EVIDENCE_UPLOAD_BYTES),
    }
    if outage.wants_json(request):
        response = outage.problem(413, "Request too large", detail)
    else:
        # Rendered without a request context: nothing has run yet to give one (no session,
        # no user), and nothing needs to.
        response = HttpResponse(loader.render_to_string("413.html", {"detail": detail}), status=413)
    # No Connection: close here: WSGI leaves hop-by-hop headers to the server, which
    # discards the unread body or closes the connection itself.
    return response
