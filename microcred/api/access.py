"""What a token must carry to reach an endpoint: each view names the scope of its area
(`scope`), and may name a different one for reading (`read_scope`, None when anyone may
read). Which objects a person may then see or change is decided by
`microcred.permissions`, the same functions the pages ask."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

_UNSET = object()


class InsufficientScope(PermissionDenied):
    """403 with the scope the token lacks; the error handler adds the challenge."""

    def __init__(self, scope: str):
        self.scope = scope
        super().__init__(
            _("The access token does not allow this; it needs the scope %(scope)s.")
            % {"scope": scope}
        )


def required_scope(view, method: str) -> str | None:
    if method in SAFE_METHODS:
        read = getattr(view, "read_scope", _UNSET)
        if read is not _UNSET:
            return read
    return getattr(view, "scope", None)


class ScopeRequired(BasePermission):
    def has_permission(self, request, view):
        scope = required_scope(view, request.method)
        if scope is None:
            return True
        if request.auth is None:
            raise NotAuthenticated(_("This needs an access token: Authorization: Bearer <token>."))
        if not request.auth.allow_scopes([scope]):
            raise InsufficientScope(scope)
        return True
