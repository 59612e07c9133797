from django.contrib import admin

from .models import Enrollment


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["earner", "version", "status", "started_at", "earned_at"]
    list_filter = ["status"]
    search_fields = ["earner__email", "earner__name", "version__title"]
    readonly_fields = ["earner", "micro_credential", "version", "started_at"]
