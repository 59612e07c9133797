"""Cohorts as the API shows them: the cohort's dates, places and facilitator, its
deadlines, and (one cohort at a time) its earners with their latest attempt, as the
cohort's page lists them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from microcred import permissions
from microcred.coaching.models import DeadlineKind


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


class CohortFacilitatorSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.EmailField()


class CohortDeadlineSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DeadlineKind.choices)
    due_on = serializers.DateField()
    note = serializers.CharField()


class CohortSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    micro_credential = serializers.CharField(source="micro_credential.slug")
    issuer = serializers.CharField(source="micro_credential.issuer.slug")
    facilitator = CohortFacilitatorSerializer(allow_null=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    enrollment_opens_on = serializers.DateField()
    enrollment_closes_on = serializers.DateField()
    capacity = serializers.IntegerField(help_text="Places.")
    earner_count = serializers.IntegerField()
    is_open = serializers.SerializerMethodField(
        help_text="Until its end date a cohort takes new comments and deadlines."
    )
    can_change = serializers.SerializerMethodField(
        help_text="Whether the caller may change the cohort's dates, places and facilitator."
    )
    can_set_deadlines = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def _user(self):
        return self.context["request"].user

    def get_is_open(self, cohort) -> bool:
        return permissions.is_cohort_open(cohort, timezone.localdate())

    def get_can_change(self, cohort) -> bool:
        return permissions.can_manage_cohort(self._user(), cohort)

    def get_can_set_deadlines(self, cohort) -> bool:
        return permissions.can_set_deadlines(self._user(), cohort, timezone.localdate())

    def get_url(self, cohort) -> str:
        return _absolute(self.context, reverse("api:cohort", args=[cohort.pk]))


class CohortMemberSerializer(serializers.Serializer):
    """One earner of the cohort and their latest attempt."""

    name = serializers.CharField(source="enrollment.earner.name")
    enrolled_at = serializers.DateTimeField(source="enrollment.started_at")
    status = serializers.CharField(
        source="enrollment.status", help_text="in_progress, submitted or earned."
    )
    submission = serializers.CharField(
        source="submission.reference", allow_null=True, help_text="The latest attempt's reference."
    )
    state = serializers.CharField(source="submission.state", allow_null=True)
    evidence_count = serializers.IntegerField()
    comment_count = serializers.IntegerField()


class CohortDetailSerializer(CohortSerializer):
    deadlines = CohortDeadlineSerializer(many=True, source="deadline_list")
    members = CohortMemberSerializer(many=True)


class _CohortFields(serializers.Serializer):
    """The fields of the cohort page's form; the facilitator by e-mail address, one of the
    issuer's facilitators (or null for none yet)."""

    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, allow_blank=True, default="")
    facilitator = serializers.EmailField(max_length=254, allow_null=True, default=None)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    enrollment_opens_on = serializers.DateField()
    enrollment_closes_on = serializers.DateField()
    capacity = serializers.IntegerField(min_value=1, max_value=10_000, help_text="Places.")


class NewCohortSerializer(_CohortFields):
    micro_credential = serializers.SlugField(
        max_length=200, help_text="The short name of one of the issuer's micro-credentials."
    )


class CohortChangeSerializer(_CohortFields):
    """Any of the cohort's fields; those left out stay as they are."""


class CohortDeadlineChangeSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    note = serializers.CharField(max_length=300, allow_blank=True, default="")
