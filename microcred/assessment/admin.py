from django.contrib import admin

from .models import (
    Anchor,
    AssessorProfile,
    Assignment,
    CalibrationAttempt,
    Decision,
    PoolChange,
    PoolMember,
    Qualification,
    Review,
)


class QualificationInline(admin.TabularInline):
    model = Qualification
    extra = 1
    autocomplete_fields = ["micro_credential"]
    # Calibration and the retraining flag are earned on the calibration pages, not typed.
    readonly_fields = ["is_calibrated", "calibrated_at", "retraining_since", "retraining_agreement"]


@admin.register(AssessorProfile)
class AssessorProfileAdmin(admin.ModelAdmin):
    """The assessor pool: who may review which micro-credential, and how much at once."""

    list_display = ["user", "capacity", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["user__email", "user__name"]
    autocomplete_fields = ["user"]
    inlines = [QualificationInline]


@admin.register(PoolMember)
class PoolMemberAdmin(admin.ModelAdmin):
    """Issuers run their pools on their own pages (/assessor/pools/<issuer>/); this is for
    platform staff looking into a support question."""

    list_display = ["assessor", "issuer", "capacity", "paused_at", "removed_at"]
    list_filter = ["issuer"]
    search_fields = ["assessor__user__email", "assessor__user__name"]
    readonly_fields = ["joined_at"]


@admin.register(PoolChange)
class PoolChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "issuer", "assessor", "action", "detail", "by"]
    list_filter = ["action", "issuer"]
    readonly_fields = [f.name for f in PoolChange._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["submission", "label", "assessor", "purpose", "status", "due_on"]
    list_filter = ["status", "purpose"]
    search_fields = ["submission__reference"]
    readonly_fields = [f.name for f in Assignment._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["assignment", "submitted_at"]
    readonly_fields = ["assignment", "overall_comment", "submitted_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["submission", "outcome", "by_tie_break", "decided_at"]
    list_filter = ["outcome", "by_tie_break"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Anchor)
class AnchorAdmin(admin.ModelAdmin):
    """Anchors are written on the issuer's anchor pages; here they are read, and retired."""

    list_display = [
        "title",
        "micro_credential",
        "calibration_set",
        "source",
        "in_live_rotation",
        "is_active",
    ]
    list_filter = ["source", "in_live_rotation", "is_active"]
    search_fields = ["title", "micro_credential__slug"]
    fields = ["title", "is_active", "in_live_rotation", "rationale"]
    readonly_fields = ["rationale"]

    def has_add_permission(self, request):
        return False


@admin.register(CalibrationAttempt)
class CalibrationAttemptAdmin(admin.ModelAdmin):
    list_display = ["qualification", "calibration_set", "scored_at", "agreement", "passed"]
    list_filter = ["passed"]
    readonly_fields = [f.name for f in CalibrationAttempt._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
