from django.contrib import admin

from .models import Flag, FlagEvent, Match


class MatchInline(admin.TabularInline):
    model = Match
    fields = ["kind", "evidence", "other_evidence", "similarity", "distance"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class FlagEventInline(admin.TabularInline):
    model = FlagEvent
    fields = ["at", "action", "actor", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    """Read-only: admins handle flags on the flag page, where every step is recorded."""

    list_display = ["__str__", "micro_credential", "status", "similarity", "created_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Flag._meta.fields]
    inlines = [MatchInline, FlagEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
