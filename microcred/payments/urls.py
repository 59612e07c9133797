from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("webhooks/card/", views.provider_webhook, name="webhook"),
    path("organizations/<slug:slug>/", views.fees_home, name="fees"),
    path(
        "organizations/<slug:slug>/vouchers/<int:batch_id>.csv",
        views.voucher_codes,
        name="voucher_codes",
    ),
    path(
        "organizations/<slug:slug>/sponsorships/<int:request_id>/",
        views.decide_sponsorship,
        name="decide_sponsorship",
    ),
    path(
        "organizations/<slug:slug>/sponsorship-policy/",
        views.sponsorship_policy,
        name="sponsorship_policy",
    ),
    path(
        "organizations/<slug:slug>/invoices/<int:invoice_id>/paid/",
        views.mark_invoice_paid,
        name="mark_invoice_paid",
    ),
    path(
        "organizations/<slug:slug>/invoices/<int:invoice_id>/cancel/",
        views.cancel_invoice,
        name="cancel_invoice",
    ),
]
