from django.contrib import admin

from .models import AssessorProfile, Assignment, Decision, Qualification, Review


class QualificationInline(admin.TabularInline):
    model = Qualification
    extra = 1
    autocomplete_fields = ["micro_credential"]


@admin.register(AssessorProfile)
class AssessorProfileAdmin(admin.ModelAdmin):
    """The assessor pool: who may review which micro-credential, and how much at once."""

    list_display = ["user", "capacity", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["user__email", "user__name"]
    autocomplete_fields = ["user"]
    inlines = [QualificationInline]


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
