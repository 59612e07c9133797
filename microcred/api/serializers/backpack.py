"""The backpack as the API shows it: each enrollment with what the backpack page shows
beside it (the micro-credential and the version the earner started, the status, the fee,
the latest attempt and the award once earned)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from microcred.backpack.models import EnrollmentStatus
from microcred.submissions.states import State

FEE_STATUSES = ["free", "paid", "due"]


class StrictText(serializers.CharField):
    """A string and nothing else: a number or a boolean where text belongs is refused,
    not turned into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSlug(StrictText, serializers.SlugField):
    pass


class StrictInteger(serializers.IntegerField):
    """A JSON integer: not a string of digits, a fraction or a boolean."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class MicroCredentialRef(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    issuer = serializers.CharField()
    url = serializers.URLField(help_text="Its page in the catalog.")


class CohortRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class FeeSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    currency = serializers.CharField()
    status = serializers.ChoiceField(
        choices=FEE_STATUSES,
        help_text="free: nothing to pay; paid: one payment covers every attempt; due: to be "
        "paid before submitting.",
    )
    method = serializers.CharField(
        allow_null=True, help_text="How it was paid (voucher, sponsorship, card, invoice, free)."
    )


class AttemptRef(serializers.Serializer):
    reference = serializers.CharField()
    attempt = serializers.IntegerField()
    state = serializers.ChoiceField(choices=State.choices)
    url = serializers.URLField(help_text="The submission in the API.")


class AwardRef(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    awarded_at = serializers.DateTimeField()
    signed = serializers.BooleanField(help_text="False for a moment while it is being signed.")
    revoked = serializers.BooleanField()
    url = serializers.URLField(help_text="The badge page.")
    certificate_url = serializers.URLField(help_text="The certificate (PDF).")


def fee_of(enrollment, paid=None) -> dict:
    """The fee as the earner sees it: `paid` is the enrollment's paid payment, if known;
    otherwise the one prefetched into `paid_payments`."""
    version = enrollment.version
    if paid is None:
        paid = next(iter(getattr(enrollment, "paid_payments", [])), None)
    if paid is not None:
        status, method = "paid", paid.method
    elif not version.fee:
        status, method = "free", None
    else:
        status, method = "due", None
    return {"amount": version.fee, "currency": version.currency, "status": status, "method": method}


def award_of(award, request) -> dict | None:
    if award is None:
        return None
    return {
        "public_id": award.public_id,
        "awarded_at": award.awarded_at,
        "signed": award.signed_at is not None,
        "revoked": award.revoked_at is not None,
        "url": absolute(request, award.get_absolute_url()),
        "certificate_url": absolute(
            request, reverse("reports:certificate", args=[award.public_id])
        ),
    }


class EnrollmentSerializer(serializers.Serializer):
    """A micro-credential in the earner's backpack, pinned to the version they started."""

    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=EnrollmentStatus.choices)
    micro_credential = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="version.number")
    cohort = serializers.SerializerMethodField()
    started_at = serializers.DateTimeField()
    earned_at = serializers.DateTimeField(allow_null=True)
    fee = serializers.SerializerMethodField()
    latest_attempt = serializers.SerializerMethodField()
    award = serializers.SerializerMethodField()

    def _request(self):
        return self.context.get("request")

    def get_url(self, enrollment) -> str:
        return absolute(self._request(), reverse("api:enrollment", args=[enrollment.pk]))

    @extend_schema_field(MicroCredentialRef)
    def get_micro_credential(self, enrollment) -> dict:
        mc = enrollment.micro_credential
        return {
            "slug": mc.slug,
            "title": enrollment.version.title,
            "issuer": mc.issuer.name,
            "url": absolute(self._request(), mc.get_absolute_url()),
        }

    @extend_schema_field(CohortRef(allow_null=True))
    def get_cohort(self, enrollment) -> dict | None:
        cohort = enrollment.cohort
        return {"id": cohort.pk, "name": cohort.name} if cohort else None

    @extend_schema_field(FeeSerializer)
    def get_fee(self, enrollment) -> dict:
        return FeeSerializer(fee_of(enrollment)).data

    def _latest(self, enrollment):
        attempts = getattr(enrollment, "attempts", [])
        return attempts[0] if attempts else None

    @extend_schema_field(AttemptRef(allow_null=True))
    def get_latest_attempt(self, enrollment) -> dict | None:
        latest = self._latest(enrollment)
        if latest is None:
            return None
        return {
            "reference": latest.reference,
            "attempt": latest.attempt,
            "state": latest.state,
            "url": absolute(self._request(), reverse("api:submission", args=[latest.reference])),
        }

    @extend_schema_field(AwardRef(allow_null=True))
    def get_award(self, enrollment) -> dict | None:
        found = award_of(getattr(enrollment, "award", None), self._request())
        return AwardRef(found).data if found else None


class EnrollRequest(serializers.Serializer):
    micro_credential = StrictSlug(
        max_length=100, help_text="The micro-credential's short name (`slug` in the catalog)."
    )
    cohort = StrictInteger(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text="A facilitated cohort of that micro-credential to join, if any.",
    )
