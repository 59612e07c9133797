from django.contrib import admin

from .models import Holiday, StateChange, Submission


class StateChangeInline(admin.TabularInline):
    model = StateChange
    fields = ["at", "event", "from_state", "to_state", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """Read-only: a submission moves only through its state machine."""

    list_display = ["reference", "enrollment", "attempt", "state", "submitted_at", "due_on"]
    list_filter = ["state"]
    search_fields = ["reference"]
    readonly_fields = [f.name for f in Submission._meta.fields]
    inlines = [StateChangeInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["day", "name", "organization"]
    list_filter = ["organization"]
