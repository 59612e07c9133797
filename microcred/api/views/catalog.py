"""The public catalog: search with the catalog page's facets, and one micro-credential
with its requirements and rubric. Anyone may read it, with or without a token."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from microcred.catalog import selectors as catalog
from microcred.catalog.models import VersionStatus
from microcred.connect import scopes

from ..pagination import MAX_OFFSET, Pages
from ..serializers.catalog import MicroCredentialDetailSerializer, entry

_FACETS = [
    OpenApiParameter(name, OpenApiTypes.STR, many=True, explode=True, description=words)
    for name, words in (
        ("issuer", "An issuer's short name."),
        ("provider", "Another provider's short name."),
        ("stack", "A stack's short name."),
        ("topic", "A topic's short name."),
        ("grade", "A grade band (k-2, 3-5, 6-8, 9-12)."),
        ("price", "free or paid."),
        ("unit", "A credit unit."),
    )
]


class _Query(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    sort = serializers.ChoiceField(
        choices=[value for value, _label in catalog.Sort.CHOICES], required=False, default=""
    )


class CatalogEntry(serializers.Serializer):
    """A micro-credential (`kind` micro-credential) or another provider's listing."""

    kind = serializers.ChoiceField(choices=["micro-credential", "listing"])
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.URLField()


class CatalogPage(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CatalogEntry(many=True)


class MicroCredentials(APIView):
    scope = scopes.CATALOG_WRITE
    read_scope = None
    # Read by the OpenAPI document, so that it describes the page the answer really is.
    pagination_class = Pages

    @extend_schema(
        operation_id="searchCatalog",
        summary="Search the catalog",
        description=(
            "Published micro-credentials and other providers' listings, ranked together by the "
            "catalog page's search. Words in `q`; facets repeat to choose several values."
        ),
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Words to search for."),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=[v for v, _l in catalog.Sort.CHOICES]),
            *_FACETS,
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 100, "default": 50},
                description="Entries a page.",
            ),
            OpenApiParameter(
                "offset",
                {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
                description="Entries to skip.",
            ),
        ],
        responses=CatalogPage,
    )
    def get(self, request):
        query = _Query(data=request.query_params)
        query.is_valid(raise_exception=True)
        pages = Pages()
        limit = pages.get_limit(request)
        offset = pages.get_offset(request)
        filters = {name: request.query_params.getlist(name) for name in catalog.FACETS}
        items, total = _window(query.validated_data, filters, offset, limit)
        context = {"request": request}
        return pages.respond(
            request, [entry(item, context) for item in items], total, offset, limit
        )


def _window(query: dict, filters, offset: int, limit: int):
    """`limit` entries from `offset`: the search's pages are `limit` long, so the window
    spans at most two of them."""
    first = offset // limit + 1
    found = catalog.catalog_search(
        query["q"],
        filters=filters,
        sort=query["sort"],
        page=first,
        page_size=limit,
        with_facets=False,
    )
    items = list(found.entries)
    if offset % limit and found.page == first and found.has_next:
        following = catalog.catalog_search(
            query["q"],
            filters=filters,
            sort=query["sort"],
            page=first + 1,
            page_size=limit,
            with_facets=False,
        )
        items += following.entries
    if found.page != first:  # past the end
        return [], found.total
    start = offset % limit
    return items[start : start + limit], found.total


class MicroCredential(APIView):
    scope = scopes.CATALOG_WRITE
    read_scope = None

    @extend_schema(
        operation_id="getMicroCredential",
        summary="One published micro-credential",
        responses=MicroCredentialDetailSerializer,
    )
    def get(self, request, slug: str):
        found = catalog.micro_credential_for_page(slug)
        if found is None or found.current_version is None:
            raise Http404
        version = found.current_version
        if version.status != VersionStatus.PUBLISHED:
            raise Http404
        return Response(MicroCredentialDetailSerializer(version, context={"request": request}).data)
