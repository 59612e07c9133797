from django.contrib import admin

from .models import PinnedKey


@admin.register(PinnedKey)
class PinnedKeyAdmin(admin.ModelAdmin):
    """Platform staff pin a key of another issuer here; see docs/credentials.md."""

    list_display = ["verification_method", "controller", "note", "created_at"]
    search_fields = ["verification_method", "controller", "note"]
    readonly_fields = ["created_at"]
