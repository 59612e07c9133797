from django.contrib import admin

from .models import Payment, SponsorshipPolicy, SponsorshipRequest, VoucherBatch


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "enrollment", "method", "amount", "currency", "status", "payee"]
    list_filter = ["method", "status"]
    readonly_fields = [f.name for f in Payment._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(VoucherBatch)
class VoucherBatchAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "uses_per_code", "expires_on"]


admin.site.register(SponsorshipPolicy)
admin.site.register(SponsorshipRequest)
