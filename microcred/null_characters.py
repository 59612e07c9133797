"""The null character (U+0000) in what people and other systems send.

PostgreSQL cannot store it in text at all, and nobody means to type it: it arrives pasted
from a PDF, a word processor or a file saved as UTF-16. Left alone it either fails the
save with a server error (PostgreSQL) or makes a form field invalid, and a view that
reads the field anyway sees an empty answer and clears what was saved.

So it is answered once, where requests come in:

- An address (path) holding it is no page: 404.
- Form data and query strings (every page's forms, htmx autosave, raw `request.POST`
  reads) have it removed before any view sees them, and the person is told: the rest of
  their text is kept, and a message says what was taken out.
- JSON bodies and uploaded lists are other systems' data, not someone's typing: they are
  refused with a message that names the character (`contains`), so nothing half-cleaned
  is stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def contains(value) -> bool:
    """Whether a string, or any key or string inside JSON-shaped data, holds a NUL."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains(k) or contains(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(contains(v) for v in value)
    return False


def refused_message() -> str:
    return _(
        "The data contains a null character (U+0000), which cannot be stored; remove it and "
        "send it again."
    )


def _cleaned(data: QueryDict) -> tuple[QueryDict, int]:
    removed = sum(
        key.count(NUL) + sum(v.count(NUL) for v in values if isinstance(v, str))
        for key, values in data.lists()
    )
    if not removed:
        return data, 0
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(
            key.replace(NUL, ""), [v.replace(NUL, "") if isinstance(v, str) else v for v in values]
        )
    cleaned._mutable = False
    return cleaned, removed


class NullCharactersMiddleware:
    """Removes NUL from query strings and form data before the view runs, and says so.

    It runs as a view is about to be called, as the CSRF check does (which reads the form
    too), so that views exempt from that check — the APIs, webhooks and the verifier's
    upload, which read their bodies themselves under their own limits — are left to do so.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No page's address holds one; looked up, it would fail on PostgreSQL.
        if NUL in request.path_info:
            raise Http404
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        removed = 0
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or NUL in query:
            request.GET, count = _cleaned(request.GET)
            removed += count
        if (
            request.method == "POST"
            and request.content_type in FORM_TYPES
            and not getattr(view_func, "csrf_exempt", False)
        ):
            request.POST, count = _cleaned(request.POST)
            removed += count
        if removed and hasattr(request, "_messages"):
            messages.warning(
                request,
                ngettext(
                    "What you sent held %(count)d null character, an invisible character "
                    "that cannot be stored (it often comes with text pasted from a PDF). It "
                    "was removed; the rest of your text is kept as you wrote it.",
                    "What you sent held %(count)d null characters, invisible characters "
                    "that cannot be stored (they often come with text pasted from a PDF). "
                    "They were removed; the rest of your text is kept as you wrote it.",
                    removed,
                )
                % {"count": removed},
            )
        return None
