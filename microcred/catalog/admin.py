from django.contrib import admin

from .models import Cohort, MicroCredential, MicroCredentialVersion, Stack, StackItem, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class VersionInline(admin.TabularInline):
    model = MicroCredentialVersion
    fields = ["number", "title", "status", "published_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MicroCredential)
class MicroCredentialAdmin(admin.ModelAdmin):
    list_display = ["slug", "issuer", "current_version"]
    list_filter = ["issuer"]
    search_fields = ["slug", "versions__title"]
    readonly_fields = ["current_version", "created_by", "created_at"]
    inlines = [VersionInline]


@admin.register(MicroCredentialVersion)
class MicroCredentialVersionAdmin(admin.ModelAdmin):
    """Read-only: versions change through the authoring workspace, which keeps the
    lifecycle rules and the search index in step."""

    list_display = ["title", "number", "status", "micro_credential", "published_at"]
    list_filter = ["status", "micro_credential__issuer"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StackItemInline(admin.TabularInline):
    model = StackItem
    extra = 1
    autocomplete_fields = ["micro_credential"]


@admin.register(Stack)
class StackAdmin(admin.ModelAdmin):
    list_display = ["title", "issuer", "is_ordered", "is_published"]
    list_filter = ["issuer", "is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [StackItemInline]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "micro_credential", "facilitator", "starts_on", "ends_on", "capacity"]
    list_filter = ["micro_credential__issuer"]
    autocomplete_fields = ["micro_credential", "facilitator"]
