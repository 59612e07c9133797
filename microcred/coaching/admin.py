from django.contrib import admin

from .models import CohortDeadline


@admin.register(CohortDeadline)
class CohortDeadlineAdmin(admin.ModelAdmin):
    """Read-only: the facilitator sets deadlines on the cohort page. Coaching comments are
    left out of the admin on purpose; they belong to the earner and the facilitator."""

    list_display = ["cohort", "kind", "due_on", "set_by"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in CohortDeadline._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
