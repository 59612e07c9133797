"""Authoring the catalog: the versions of the micro-credentials an issuer's authors write,
a new micro-credential with its first draft, a draft's fields and parts (requirements with
their rubric criteria, resources, standards alignments), and each move of a version's
lifecycle: quality review, publishing, back to draft, retiring, a new revision. For an
issuer's admins and the issuer's own systems (scope `catalog.write`).

Every write goes through the catalog's services, which ask the same permissions as the
authoring pages. The badge image is uploaded as on the authoring page (PNG or JPEG, checked
from its content, within the same size); a revision keeps the image of the version it
copies."""

from __future__ import annotations

from contextlib import contextmanager

from django import forms
from django.core.exceptions import PermissionDenied as NotAllowed
from django.core.exceptions import ValidationError as Invalid
from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from microcred import permissions
from microcred.catalog import selectors, services
from microcred.catalog.checklist import quality_checklist
from microcred.catalog.forms import checked_image
from microcred.catalog.models import (
    Alignment,
    GradeBand,
    MicroCredentialVersion,
    Requirement,
    Resource,
    RubricCriterion,
    Topic,
    VersionStatus,
)
from microcred.connect import scopes

from .. import conflicts
from ..conflicts import Conflict
from ..errors import invalid
from ..idempotency import idempotent
from ..serializers.authoring import (
    AuthoredAlignment,
    AuthoredCriterion,
    AuthoredRequirement,
    AuthoredResource,
    AuthoredVersionDetailSerializer,
    AuthoredVersionSerializer,
    DraftDetails,
    NewAlignment,
    NewCriterion,
    NewMicroCredential,
    NewRequirement,
    NewResource,
)


@contextmanager
def _service_answers():
    """The catalog services' refusals as the API answers them."""
    try:
        yield
    except services.ChecklistFailed as exc:
        raise Conflict(
            str(exc),
            errors={item.key: [f"{item.label}: {item.hint}"] for item in exc.failing},
        ) from None
    except (services.VersionLocked, services.IllegalVersionMove) as exc:
        raise Conflict(str(exc)) from None
    except Invalid as exc:
        raise invalid(exc) from None
    except NotAllowed:
        raise exceptions.PermissionDenied(
            "The version's state or your roles do not allow this."
        ) from None


def _issuers(request):
    return permissions.administered_issuers(request.user)


def _version(request, pk: int) -> MicroCredentialVersion:
    """A version of a micro-credential the caller authors, read whole; any other answers
    404, so nobody learns of another issuer's drafts."""
    version = selectors.version_for_editing(_issuers(request), pk)
    if version is None or not permissions.can_author(request.user, version.micro_credential.issuer):
        raise Http404
    return version


def _answer(request, pk: int, *, code=status.HTTP_200_OK, location: bool = False):
    version = _version(request, pk)
    version.checklist_items = quality_checklist(version)
    body = AuthoredVersionDetailSerializer(version, context={"request": request}).data
    headers = {"Location": body["url"]} if location else None
    return Response(body, status=code, headers=headers)


def _body(serializer_class, request):
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


# -- Versions ---------------------------------------------------------------------------------


class _Filters(serializers.Serializer):
    issuer = serializers.SlugField(max_length=100, required=False, default="")
    micro_credential = serializers.SlugField(max_length=120, required=False, default="")
    status = serializers.ChoiceField(choices=VersionStatus.values, required=False, default="")


class Versions(ListAPIView):
    scope = scopes.CATALOG_WRITE
    serializer_class = AuthoredVersionSerializer

    @extend_schema(
        operation_id="listAuthoredVersions",
        summary="Every version of the micro-credentials I author",
        description=(
            "Drafts, versions in quality review, published and retired versions of every "
            "issuer whose catalog the caller writes: newest micro-credential first."
        ),
        parameters=[
            OpenApiParameter("issuer", OpenApiTypes.STR, description="An issuer's short name."),
            OpenApiParameter(
                "micro_credential", OpenApiTypes.STR, description="A micro-credential's short name."
            ),
            OpenApiParameter("status", OpenApiTypes.STR, enum=VersionStatus.values),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = _Filters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        chosen = filters.validated_data
        versions = selectors.authored_versions(_issuers(self.request))
        if chosen["issuer"]:
            versions = versions.filter(micro_credential__issuer__slug=chosen["issuer"])
        if chosen["micro_credential"]:
            versions = versions.filter(micro_credential__slug=chosen["micro_credential"])
        if chosen["status"]:
            versions = versions.filter(status=chosen["status"])
        return versions


class MicroCredentials(APIView):
    scope = scopes.CATALOG_WRITE

    @extend_schema(
        operation_id="createMicroCredential",
        summary="Start a micro-credential with its first draft",
        description="Answers with the draft; `Location` is its address.",
        request=NewMicroCredential,
        responses={201: AuthoredVersionDetailSerializer},
    )
    @idempotent
    def post(self, request):
        data = _body(NewMicroCredential, request)
        issuer = _issuers(request).filter(slug=data["issuer"]).first()
        if issuer is None:
            raise exceptions.ValidationError({"issuer": ["Not an issuer whose catalog you write."]})
        with _service_answers():
            draft = services.create_micro_credential(issuer, by=request.user, title=data["title"])
        return _answer(request, draft.pk, code=status.HTTP_201_CREATED, location=True)


_LOCKED = conflicts.answer("The version is no longer a draft; start a revision to change it.")


class Version(APIView):
    scope = scopes.CATALOG_WRITE

    @extend_schema(
        operation_id="getAuthoredVersion",
        summary="One version, with its parts and its quality checklist",
        responses=AuthoredVersionDetailSerializer,
    )
    def get(self, request, pk: int):
        return _answer(request, pk)

    @extend_schema(
        operation_id="updateDraft",
        summary="Change a draft's fields",
        description=(
            "Only the fields sent change. `topics` and `grade_bands` replace the lists they "
            "name, by short names."
        ),
        request=DraftDetails,
        responses={200: AuthoredVersionDetailSerializer, **_LOCKED},
    )
    def patch(self, request, pk: int):
        version = _version(request, pk)
        changes = dict(_body(DraftDetails, request))
        for name, model, field in (
            ("topics", Topic, "slug"),
            ("grade_bands", GradeBand, "slug"),
        ):
            if name in changes:
                changes[name] = _named(model, field, name, changes[name])
        with _service_answers():
            services.update_details(version, by=request.user, **changes)
        return _answer(request, pk)


class BadgeImage(serializers.Serializer):
    file = serializers.ImageField(help_text="A PNG or JPEG image, checked from its content.")


class Image(APIView):
    """A draft's badge image: sent as the authoring page sends it, or removed."""

    scope = scopes.CATALOG_WRITE
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="putBadgeImage",
        summary="Upload a draft's badge image",
        description=(
            "multipart/form-data with one part, `file`: a PNG or JPEG image within the "
            "platform's size limit (MAX_IMAGE_UPLOAD_BYTES), checked from its content."
        ),
        request={"multipart/form-data": BadgeImage},
        responses={200: AuthoredVersionDetailSerializer, **_LOCKED},
    )
    def put(self, request, pk: int):
        version = _version(request, pk)
        upload = _body(BadgeImage, request)["file"]
        try:
            checked_image(upload)
        except forms.ValidationError as exc:
            raise exceptions.ValidationError({"file": exc.messages}) from None
        with _service_answers():
            services.update_details(version, by=request.user, image=upload)
        return _answer(request, pk)

    @extend_schema(
        operation_id="deleteBadgeImage",
        summary="Remove a draft's badge image",
        request=None,
        responses={200: AuthoredVersionDetailSerializer, **_LOCKED},
    )
    def delete(self, request, pk: int):
        version = _version(request, pk)
        with _service_answers():
            services.update_details(version, by=request.user, image="")
        return _answer(request, pk)


def _named(model, field: str, name: str, slugs: list[str]) -> list:
    wanted = list(dict.fromkeys(slugs))
    found = {getattr(row, field): row for row in model.objects.filter(**{f"{field}__in": wanted})}
    unknown = [slug for slug in wanted if slug not in found]
    if unknown:
        raise exceptions.ValidationError({name: [f"Unknown: {', '.join(unknown)}."]})
    return [found[slug] for slug in wanted]


# -- A draft's parts --------------------------------------------------------------------------


def _part(model, request, pk: int, part: int, *, requirement: int | None = None):
    """A part of a version the caller authors; 404 for any other."""
    _version(request, pk)
    where = {"pk": part}
    if model is RubricCriterion:
        where |= {"requirement_id": requirement, "requirement__version_id": pk}
    else:
        where["version_id"] = pk
    found = model.objects.filter(**where).first()
    if found is None:
        raise Http404
    return found


def _created(request, output, row, name: str, *args) -> Response:
    location = request.build_absolute_uri(reverse(f"api:{name}", args=args))
    return Response(
        output(row).data, status=status.HTTP_201_CREATED, headers={"Location": location}
    )


class Requirements(APIView):
    scope = scopes.CATALOG_WRITE

    @extend_schema(
        operation_id="addRequirement",
        summary="Add a requirement to a draft",
        description=(
            "What the earner submits for it. Without word limits given, those the "
            "instructions state are kept (\u201c300 to 500 words\u201d)."
        ),
        request=NewRequirement,
        responses={201: AuthoredRequirement, **_LOCKED},
    )
    @idempotent
    def post(self, request, pk: int):
        version = _version(request, pk)
        data = _body(NewRequirement, request)
        with _service_answers():
            row = services.add_requirement(version, by=request.user, **data)
        return _created(request, AuthoredRequirement, row, "authoring_requirement", pk, row.pk)


class _PartView(APIView):
    """Read or remove one part of a draft."""

    scope = scopes.CATALOG_WRITE
    model: type
    output: type
    remove = staticmethod(lambda row, by: None)

    def _row(self, request, pk, part, **kwargs):
        return _part(self.model, request, pk, part, **kwargs)

    def _get(self, request, pk, part, **kwargs):
        return Response(self.output(self._row(request, pk, part, **kwargs)).data)

    def _delete(self, request, pk, part, **kwargs):
        row = self._row(request, pk, part, **kwargs)
        with _service_answers():
            self.remove(row, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _part_schema(noun: str, output, name: str):
    return {
        "get": extend_schema(
            operation_id=f"get{name}", summary=f"One {noun} of a version", responses=output
        ),
        "delete": extend_schema(
            operation_id=f"remove{name}",
            summary=f"Remove a {noun} from a draft",
            responses={204: None, **_LOCKED},
        ),
    }


_REQUIREMENT = _part_schema("requirement", AuthoredRequirement, "Requirement")


class RequirementDetail(_PartView):
    model, output = Requirement, AuthoredRequirement
    remove = staticmethod(services.remove_requirement)

    @_REQUIREMENT["get"]
    def get(self, request, pk: int, part: int):
        return self._get(request, pk, part)

    @_REQUIREMENT["delete"]
    def delete(self, request, pk: int, part: int):
        return self._delete(request, pk, part)


class Criteria(APIView):
    scope = scopes.CATALOG_WRITE

    @extend_schema(
        operation_id="addCriterion",
        summary="Add a rubric criterion to a draft's requirement",
        description="Assessors score each criterion Met or Not Met.",
        request=NewCriterion,
        responses={201: AuthoredCriterion, **_LOCKED},
    )
    @idempotent
    def post(self, request, pk: int, part: int):
        requirement = _part(Requirement, request, pk, part)
        data = _body(NewCriterion, request)
        with _service_answers():
            row = services.add_criterion(requirement, by=request.user, **data)
        return _created(request, AuthoredCriterion, row, "authoring_criterion", pk, part, row.pk)


_CRITERION = _part_schema("rubric criterion", AuthoredCriterion, "Criterion")


class CriterionDetail(_PartView):
    model, output = RubricCriterion, AuthoredCriterion
    remove = staticmethod(services.remove_criterion)

    @_CRITERION["get"]
    def get(self, request, pk: int, part: int, criterion: int):
        return self._get(request, pk, criterion, requirement=part)

    @_CRITERION["delete"]
    def delete(self, request, pk: int, part: int, criterion: int):
        return self._delete(request, pk, criterion, requirement=part)


class Resources(APIView):
    scope = scopes.CATALOG_WRITE

    @extend_schema(
        operation_id="addResource",
        summary="Add a supporting resource to a draft",
        request=NewResource,
        responses={201: AuthoredResource, **_LOCKED},
    )
    @idempotent
    def post(self, request, pk: int):
        version = _version(request, pk)
        data = _body(NewResource, request)
        with _service_answers():
            row = services.add_resource(version, by=request.user, **data)
        return _created(request, AuthoredResource, row, "authoring_resource", pk, row.pk)


_RESOURCE = _part_schema("resource", AuthoredResource, "Resource")


class ResourceDetail(_PartView):
    model, output = Resource, AuthoredResource
    remove = staticmethod(services.remove_resource)

    @_RESOURCE["get"]
    def get(self, request, pk: int, part: int):
        return self._get(request, pk, part)

    @_RESOURCE["delete"]
    def delete(self, request, pk: int, part: int):
        return self._delete(request, pk, part)


class Alignments(APIView):
    scope = scopes.CATALOG_WRITE

    @extend_schema(
        operation_id="addAlignment",
        summary="Align a draft to a standard",
        request=NewAlignment,
        responses={201: AuthoredAlignment, **_LOCKED},
    )
    @idempotent
    def post(self, request, pk: int):
        version = _version(request, pk)
        data = _body(NewAlignment, request)
        with _service_answers():
            row = services.add_alignment(version, by=request.user, **data)
        return _created(request, AuthoredAlignment, row, "authoring_alignment", pk, row.pk)


_ALIGNMENT = _part_schema("standards alignment", AuthoredAlignment, "Alignment")


class AlignmentDetail(_PartView):
    model, output = Alignment, AuthoredAlignment
    remove = staticmethod(services.remove_alignment)

    @_ALIGNMENT["get"]
    def get(self, request, pk: int, part: int):
        return self._get(request, pk, part)

    @_ALIGNMENT["delete"]
    def delete(self, request, pk: int, part: int):
        return self._delete(request, pk, part)


# -- The lifecycle ----------------------------------------------------------------------------

_CHECKLIST = conflicts.answer(
    "The version's state does not allow this move, or the quality checklist is not complete: "
    "each failing item is named under `errors` by its key."
)


def _move(operation_id: str, summary: str, description: str, action):
    class Move(APIView):
        scope = scopes.CATALOG_WRITE

        @extend_schema(
            operation_id=operation_id,
            summary=summary,
            description=description,
            request=None,
            responses={200: AuthoredVersionDetailSerializer, **_CHECKLIST},
        )
        def post(self, request, pk: int):
            version = _version(request, pk)
            with _service_answers():
                action(version, by=request.user)
            return _answer(request, pk)

    Move.__name__ = Move.__qualname__ = operation_id[0].upper() + operation_id[1:]
    return Move


SubmitForReview = _move(
    "submitForReview",
    "Send a draft to quality review",
    "The draft freezes while reviewed. Refused (409) until the quality checklist is complete.",
    services.submit_for_review,
)
ReturnToDraft = _move(
    "returnToDraft",
    "Send a version in review back to draft",
    "For changes the review asked for.",
    services.return_to_draft,
)
Publish = _move(
    "publishVersion",
    "Publish a version",
    "A draft or a version in review becomes the one the catalog shows; the version it "
    "replaces is retired, and earners who started that one keep it.",
    services.publish,
)
Retire = _move(
    "retireVersion",
    "Retire a published version",
    "It leaves the catalog; earners who started it keep it.",
    services.retire,
)


class Revision(APIView):
    scope = scopes.CATALOG_WRITE

    @extend_schema(
        operation_id="startRevision",
        summary="Start a new draft of a published or retired micro-credential",
        description=(
            "A copy of the latest version, parts included; the published one stays live "
            "until the new one is published. When a draft or a version in review is already "
            "open, that one is the answer (200) and nothing new is made."
        ),
        request=None,
        responses={
            201: AuthoredVersionDetailSerializer,
            200: AuthoredVersionDetailSerializer,
            **_LOCKED,
        },
    )
    @idempotent
    def post(self, request, pk: int):
        version = _version(request, pk)
        open_before = version.micro_credential.versions.filter(
            status__in=[VersionStatus.DRAFT, VersionStatus.IN_REVIEW]
        ).exists()
        with _service_answers():
            draft = services.start_revision(version.micro_credential, by=request.user)
        if open_before:
            return _answer(request, draft.pk, location=True)
        return _answer(request, draft.pk, code=status.HTTP_201_CREATED, location=True)
