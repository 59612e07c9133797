"""The catalog as its authors see it: every version of their micro-credentials, drafts
included, with the parts an author writes and the quality checklist; and what an author
may send to change a draft."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from microcred.catalog.models import EvidenceType, PaymentOption, VersionStatus

from .text import Text

# Long enough for any real statement or research summary; past it, a body is a mistake.
LONG_TEXT = 20_000
MAX_WORDS = 20_000


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class AuthoredVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    micro_credential = serializers.CharField(source="micro_credential.slug")
    issuer = serializers.CharField(source="micro_credential.issuer.slug")
    version = serializers.IntegerField(source="number")
    status = serializers.CharField(help_text=", ".join(VersionStatus.values))
    title = serializers.CharField()
    summary = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    submitted_for_review_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    retired_at = serializers.DateTimeField(allow_null=True)
    url = serializers.SerializerMethodField(help_text="This version's address in the API.")

    def get_url(self, version) -> str:
        return _absolute(self.context, reverse("api:authoring_version", args=[version.pk]))


class AuthoredCriterion(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    name = serializers.CharField()
    met_description = serializers.CharField()


class AuthoredRequirement(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    instructions = serializers.CharField()
    evidence_types = serializers.ListField(child=serializers.CharField())
    min_words = serializers.IntegerField(allow_null=True)
    max_words = serializers.IntegerField(allow_null=True)
    criteria = AuthoredCriterion(many=True)


class AuthoredResource(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    note = serializers.CharField()


class AuthoredAlignment(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    framework = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    case_identifier = serializers.CharField()


class ChecklistItemAnswer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    passed = serializers.BooleanField()
    hint = serializers.CharField()
    blocking = serializers.BooleanField(
        help_text="false for a warning that publishing does not wait for."
    )


class AuthoredVersionDetailSerializer(AuthoredVersionSerializer):
    competency = serializers.CharField()
    key_method = serializers.CharField()
    method_components = serializers.CharField()
    research = serializers.CharField()
    fee = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    payment_methods = serializers.ListField(child=serializers.CharField())
    credit_amount = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    credit_unit = serializers.CharField()
    credit_authority = serializers.CharField()
    estimated_hours = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    assessors_per_submission = serializers.IntegerField()
    max_attempts = serializers.IntegerField()
    topics = serializers.SerializerMethodField()
    grade_bands = serializers.SerializerMethodField()
    has_image = serializers.SerializerMethodField(
        help_text="Whether the badge image is uploaded (on the authoring page)."
    )
    requirements = AuthoredRequirement(many=True)
    resources = AuthoredResource(many=True)
    alignments = AuthoredAlignment(many=True)
    checklist = ChecklistItemAnswer(many=True, source="checklist_items")

    def get_topics(self, version) -> list[str]:
        return [topic.slug for topic in version.topics.all()]

    def get_grade_bands(self, version) -> list[str]:
        return [band.slug for band in version.grade_bands.all()]

    def get_has_image(self, version) -> bool:
        return bool(version.image)


# -- What an author sends -------------------------------------------------------------------


class _Strict(serializers.Serializer):
    """Refuses fields it does not know, so a misspelt one is named instead of ignored."""

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {name: ["Not a field that can be sent here."] for name in unknown}
            )
        return attrs


class NewMicroCredential(_Strict):
    issuer = serializers.SlugField(max_length=100, help_text="The issuer's short name.")
    title = Text(max_length=200)


def _decimal(digits: int, places: int, **kwargs):
    return serializers.DecimalField(
        max_digits=digits, decimal_places=places, min_value=0, allow_null=True, **kwargs
    )


class DraftDetails(_Strict):
    """Every field is optional: those sent change, the rest stay as they are."""

    title = Text(max_length=200, required=False)
    summary = Text(max_length=300, required=False, allow_blank=True)
    competency = Text(max_length=LONG_TEXT, required=False, allow_blank=True)
    key_method = Text(max_length=LONG_TEXT, required=False, allow_blank=True)
    method_components = Text(
        max_length=LONG_TEXT, required=False, allow_blank=True, help_text="One per line."
    )
    research = Text(max_length=LONG_TEXT, required=False, allow_blank=True)
    fee = _decimal(8, 2, required=False, help_text="Due at submission; 0 when free.")
    currency = serializers.RegexField(r"^[A-Z]{3}$", required=False, help_text="ISO 4217.")
    payment_methods = serializers.ListField(
        child=serializers.ChoiceField(choices=PaymentOption.values),
        max_length=len(PaymentOption.values),
        required=False,
    )
    credit_amount = _decimal(6, 2, required=False)
    credit_unit = Text(max_length=60, required=False, allow_blank=True)
    credit_authority = Text(max_length=200, required=False, allow_blank=True)
    estimated_hours = _decimal(5, 1, required=False)
    assessors_per_submission = serializers.IntegerField(min_value=1, max_value=5, required=False)
    max_attempts = serializers.IntegerField(min_value=1, max_value=10, required=False)
    topics = serializers.ListField(
        child=serializers.SlugField(max_length=100), max_length=100, required=False
    )
    grade_bands = serializers.ListField(
        child=serializers.SlugField(max_length=20), max_length=20, required=False
    )


class NewRequirement(_Strict):
    title = Text(max_length=200)
    instructions = Text(max_length=LONG_TEXT)
    evidence_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EvidenceType.values),
        allow_empty=False,
        max_length=len(EvidenceType.values),
    )
    min_words = serializers.IntegerField(
        min_value=1, max_value=MAX_WORDS, required=False, allow_null=True, default=None
    )
    max_words = serializers.IntegerField(
        min_value=1, max_value=MAX_WORDS, required=False, allow_null=True, default=None
    )


class NewCriterion(_Strict):
    name = Text(max_length=200)
    met_description = Text(max_length=LONG_TEXT)


class NewResource(_Strict):
    title = Text(max_length=300)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    note = Text(max_length=LONG_TEXT, required=False, allow_blank=True, default="")


class NewAlignment(_Strict):
    framework = Text(max_length=200)
    name = Text(max_length=300)
    code = Text(max_length=60, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    case_identifier = Text(max_length=100, required=False, allow_blank=True, default="")
