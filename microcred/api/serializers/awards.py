"""Awards as an issuer's systems see them: who earned what and when, whether it stands,
and where its signed credential and badge page are."""

from __future__ import annotations

import json

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from microcred.credentials.models import AwardKind

from .text import Text


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class AwardEarnerSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()


class AwardAddressesSerializer(serializers.Serializer):
    """Where the award is read: its badge page, its Open Badges 3.0 credential as JSON and
    as a VC-JWT (both once signed; a private award's answer only its earner and the
    issuer's admins), and the verifier page that checks a downloaded file."""

    badge_page = serializers.URLField()
    credential_json = serializers.URLField(allow_null=True)
    credential_jwt = serializers.URLField(allow_null=True)
    verify_page = serializers.URLField()


class IssuedAwardSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    kind = serializers.CharField(help_text=" or ".join(AwardKind.values))
    title = serializers.CharField()
    issuer = serializers.CharField(source="issuer.slug")
    micro_credential = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    stack = serializers.SerializerMethodField()
    earner = AwardEarnerSerializer()
    awarded_at = serializers.DateTimeField()
    signed_at = serializers.DateTimeField(allow_null=True)
    revoked = serializers.BooleanField(source="is_revoked")
    revoked_at = serializers.DateTimeField(allow_null=True)
    revocation_reason = serializers.CharField()
    is_public = serializers.BooleanField()
    addresses = serializers.SerializerMethodField()

    def get_micro_credential(self, award) -> str | None:
        return award.version.micro_credential.slug if award.version_id else None

    def get_version(self, award) -> int | None:
        return award.version.number if award.version_id else None

    def get_stack(self, award) -> str | None:
        return award.stack.slug if award.stack_id else None

    @extend_schema_field(AwardAddressesSerializer)
    def get_addresses(self, award) -> dict:
        signed = award.signed_at is not None
        args = [award.public_id]
        return {
            "badge_page": _absolute(self.context, award.get_absolute_url()),
            "credential_json": _absolute(
                self.context, reverse("credentials:badge_credential", args=args)
            )
            if signed
            else None,
            "credential_jwt": _absolute(self.context, reverse("credentials:badge_jwt", args=args))
            if signed
            else None,
            "verify_page": _absolute(self.context, reverse("credentials:verify")),
        }


class IssuedAwardDetailSerializer(IssuedAwardSerializer):
    credential = serializers.SerializerMethodField(
        help_text="The signed Open Badges 3.0 credential, once signed."
    )

    @extend_schema_field({"type": "object", "additionalProperties": True, "nullable": True})
    def get_credential(self, award) -> dict | None:
        return json.loads(award.credential_json) if award.credential_json else None


class AwardRevocationSerializer(serializers.Serializer):
    reason = Text(max_length=2000, help_text="Why the credential is revoked; the earner reads it.")


class CohortIssuanceSerializer(serializers.Serializer):
    """A cohort's latest issue of credentials, as far as its signing has come."""

    cohort = serializers.IntegerField(source="cohort.pk")
    started_at = serializers.DateTimeField(source="bulk.created_at", allow_null=True, default=None)
    total = serializers.IntegerField(help_text="Credentials the cohort has earned.")
    signed = serializers.IntegerField(help_text="Of those, signed so far.")
    running = serializers.BooleanField()
    stalled = serializers.BooleanField(
        help_text="Stopped moving (its worker died); asking to issue again resumes it."
    )
