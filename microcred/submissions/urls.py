from django.urls import path

from . import views

app_name = "submissions"
urlpatterns = [
    path("start/<int:enrollment_id>/", views.start, name="start"),
    path("<str:reference>/", views.detail, name="detail"),
    path(
        "<str:reference>/requirements/<int:requirement_id>/link/", views.add_link, name="add_link"
    ),
    path(
        "<str:reference>/requirements/<int:requirement_id>/file/", views.add_file, name="add_file"
    ),
    path(
        "<str:reference>/requirements/<int:requirement_id>/<slug:kind>/",
        views.save_text,
        name="save_text",
    ),
    path("<str:reference>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence_file"),
    path(
        "<str:reference>/evidence/<int:evidence_id>/remove/",
        views.remove_evidence,
        name="remove_evidence",
    ),
    path("<str:reference>/collaboration/", views.collaboration, name="collaboration"),
    path("<str:reference>/fee/voucher/", views.pay_voucher, name="pay_voucher"),
    path("<str:reference>/fee/sponsorship/", views.request_sponsorship, name="request_sponsorship"),
    path("<str:reference>/fee/card/", views.pay_card, name="pay_card"),
    path("<str:reference>/fee/invoice/", views.request_invoice, name="request_invoice"),
    path("<str:reference>/submit/", views.submit, name="submit"),
    path("<str:reference>/withdraw/", views.withdraw, name="withdraw"),
]
