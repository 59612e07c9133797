"""The Open Badges 3.0 API (https://www.imsglobal.org/spec/ob/v3p0/#api): the discovery
document, getCredentials, upsertCredential, getProfile and putProfile, each behind its
scope, each error an Imsx_StatusInfo."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from .. import scopes, selectors, services, status_info
from ..oauth import protected

DEFAULT_LIMIT = 50
MAX_LIMIT = 100


@require_GET
def discovery(request):
    """The Service Description Document (OB 3.0 §6.3, the OpenAPI document 1EdTech
    publishes, trimmed to what a client needs to connect). Never protected."""

    def url(name):
        return request.build_absolute_uri(reverse(name))

    token_url = url("connect:token")
    info = {
        "title": _("microcred Open Badges API"),
        "description": _("Open Badges 3.0 credentials earned and kept on microcred."),
        "version": "3.0",
        "x-imssf-privacyPolicyUrl": settings.CONNECT_PRIVACY_POLICY_URL
        or request.build_absolute_uri("/"),
    }
    if settings.CONNECT_TERMS_OF_SERVICE_URL:
        info["termsOfService"] = settings.CONNECT_TERMS_OF_SERVICE_URL
    document = {
        "openapi": "3.0.1",
        "info": info,
        "servers": [{"url": request.build_absolute_uri("/ims/ob/v3p0")}],
        "tags": [{"name": "OpenBadgeCredentials"}, {"name": "Profile"}, {"name": "Discovery"}],
        "paths": {
            "/credentials": {
                "get": _operation("getCredentials", scopes.CREDENTIAL_READONLY),
                "post": _operation("upsertCredential", scopes.CREDENTIAL_UPSERT),
            },
            "/profile": {
                "get": _operation("getProfile", scopes.PROFILE_READONLY),
                "put": _operation("putProfile", scopes.PROFILE_UPDATE),
            },
            "/discovery": {"get": {"operationId": "getServiceDescription", "security": []}},
        },
        "components": {
            "securitySchemes": {
                "OAuth2ACG": {
                    "type": "oauth2",
                    "description": "OAuth 2.0 Authorization Code Grant authorization",
                    "x-imssf-name": "microcred",
                    "x-imssf-privacyPolicyUrl": info["x-imssf-privacyPolicyUrl"],
                    "x-imssf-registrationUrl": url("connect:register"),
                    "x-imssf-revocationUrl": url("connect:revoke"),
                    "flows": {
                        "authorizationCode": {
                            "authorizationUrl": url("connect:authorize"),
                            "tokenUrl": token_url,
                            "refreshUrl": token_url,
                            "scopes": {
                                scope: str(words)
                                for scope, words in scopes.AREAS["ob"].items()
                                if scope != scopes.OFFLINE_ACCESS
                            },
                        }
                    },
                }
            },
            "schemas": {},
        },
    }
    return JsonResponse(document, json_dumps_params={"indent": 2})


def _operation(operation_id: str, scope: str) -> dict:
    return {"operationId": operation_id, "security": [{"OAuth2ACG": [scope]}]}


def _failure(status: int, description: str) -> HttpResponse:
    return status_info.failure(status, description)


def _query_int(request, name: str, default: int, *, least: int) -> int:
    value = request.GET.get(name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < least:
        raise ValueError(
            _("%(name)s must be a whole number of at least %(least)s.")
            % {"name": name, "least": least}
        )
    return int(value)


@protected(scopes.CREDENTIAL_READONLY, shape=_failure)
def get_credentials(request):
    try:
        limit = min(_query_int(request, "limit", DEFAULT_LIMIT, least=1), MAX_LIMIT)
        offset = _query_int(request, "offset", 0, least=0)
        since = _since(request.GET.get("since"))
    except ValueError as exc:
        return status_info.failure(400, str(exc), minor="invalid_query_parameter")
    page = selectors.credentials_page(request.user, limit=limit, offset=offset, since=since)
    # The stored texts go out as they are: parsing and writing them again would cost time
    # and could change bytes a proof covers.
    body = (
        '{"credentials":['
        + ",".join(page.credentials)
        + '],"compactJwsStrings":'
        + json.dumps(page.compact_jws)
        + "}"
    )
    response = HttpResponse(body, content_type="application/ld+json")
    response["X-Total-Count"] = str(page.total)
    response["Link"] = _links(request, limit=limit, offset=offset, total=page.total)
    response["Cache-Control"] = "no-store"
    return response


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = parse_datetime(value.replace(" ", "+"))
    if moment is None or moment.tzinfo is None:
        raise ValueError(_("since must be a date and time with its offset (RFC 3339)."))
    return moment


def _links(request, *, limit: int, offset: int, total: int) -> str:
    """RFC 8288 links to the first, previous, next and last pages (OB 3.0 §6.4)."""
    base = request.build_absolute_uri(request.path)
    last = max((total - 1) // limit * limit, 0)
    pages = {"first": 0, "last": last}
    if offset + limit < total:
        pages["next"] = offset + limit
    if offset > 0:
        pages["prev"] = max(offset - limit, 0)
    extra = {"since": request.GET["since"]} if "since" in request.GET else {}
    return ", ".join(
        f'<{base}?{urlencode({"limit": limit, "offset": at, **extra})}>; rel="{rel}"'
        for rel, at in pages.items()
    )


@protected(scopes.CREDENTIAL_UPSERT, shape=_failure)
def upsert_credential(request):
    content_type = request.content_type or ""
    if content_type not in (
        "application/json",
        "application/vc+ld+json",
        "application/ld+json",
        "text/plain",
    ):
        return _failure(
            415, _("Send application/json (a credential) or text/plain (a compact JWS).")
        )
    if len(request.body) > settings.CONNECT_MAX_CREDENTIAL_BYTES:
        return _failure(
            413,
            _("A credential may be at most %(size)s KB.")
            % {"size": settings.CONNECT_MAX_CREDENTIAL_BYTES // 1024},
        )
    try:
        raw = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return _failure(400, _("The body is not UTF-8 text."))
    try:
        upserted = services.upsert_credential(
            request.user, raw, by_app=request.access_token.application
        )
    except services.ConnectProblem as problem:
        return _failure(400, problem.message)
    held = upserted.held
    status = 201 if upserted.created else 200
    if held.compact_jws:
        return HttpResponse(held.compact_jws, content_type="text/plain", status=status)
    return HttpResponse(held.credential_json, content_type="application/json", status=status)


@protected(scopes.PROFILE_READONLY, shape=_failure)
def get_profile(request):
    response = JsonResponse(selectors.profile_of(request.user))
    response["Cache-Control"] = "no-store"
    return response


@protected(scopes.PROFILE_UPDATE, shape=_failure)
def put_profile(request):
    try:
        document = json.loads(request.body or b"null")
    except ValueError:
        return _failure(400, _("The body is not JSON."))
    try:
        earner = services.update_profile(request.user, document)
    except services.ConnectProblem as problem:
        return _failure(400, problem.message)
    response = JsonResponse(selectors.profile_of(earner))
    response["Cache-Control"] = "no-store"
    return response


def _by_method(refusal, **handlers):
    """One address of the API, each method to its own view; any other method answers 405
    with `Allow` and `refusal` in the spec's error shape."""

    @csrf_exempt
    def dispatch(request):
        handler = handlers.get(request.method.lower())
        if handler is not None:
            return handler(request)
        response = _failure(405, str(refusal))
        response["Allow"] = ", ".join(method.upper() for method in handlers)
        return response

    return dispatch


credentials = _by_method(
    _lazy("Use GET to read credentials or POST to add one."),
    get=get_credentials,
    post=upsert_credential,
)
profile = _by_method(
    _lazy("Use GET to read the profile or PUT to change it."), get=get_profile, put=put_profile
)
