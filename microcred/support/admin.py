from django.contrib import admin

from .models import Ticket, TicketMessage


class TicketMessageInline(admin.TabularInline):
    model = TicketMessage
    extra = 0
    readonly_fields = ["side", "author", "body", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only: tickets are answered on the help desk, where the rules apply."""

    list_display = ["pk", "subject", "issuer", "status", "origin", "created_at"]
    list_filter = ["status", "origin", "issuer"]
    search_fields = ["submission__reference", "subject"]
    readonly_fields = [f.name for f in Ticket._meta.fields]
    inlines = [TicketMessageInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
