from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from . import errors
from .views import catalog, cohorts, docs, reports, vouchers

app_name = "api"

# Every area adds its addresses to `v1`; the OpenAPI document and its page read them all.
v1 = [
    path("micro-credentials/", catalog.MicroCredentials.as_view(), name="micro_credentials"),
    path(
        "micro-credentials/<slug:slug>/",
        catalog.MicroCredential.as_view(),
        name="micro_credential",
    ),
    # Vouchers, cohorts and reports: what issuers, districts and states run.
    path(
        "organizations/<slug:slug>/voucher-batches/",
        vouchers.VoucherBatches.as_view(),
        name="voucher_batches",
    ),
    path(
        "organizations/<slug:slug>/voucher-batches/<int:batch_id>/",
        vouchers.VoucherBatch.as_view(),
        name="voucher_batch",
    ),
    path("organizations/<slug:slug>/vouchers/", vouchers.Vouchers.as_view(), name="vouchers"),
    path("cohorts/", cohorts.Cohorts.as_view(), name="cohorts"),
    path("cohorts/<int:cohort_id>/", cohorts.CohortDetail.as_view(), name="cohort"),
    path(
        "cohorts/<int:cohort_id>/deadlines/<str:kind>/",
        cohorts.Deadline.as_view(),
        name="cohort_deadline",
    ),
    path("reports/organizations/", reports.Organizations.as_view(), name="report_organizations"),
    path(
        "organizations/<slug:slug>/reports/educators/",
        reports.Educators.as_view(),
        name="report_educators",
    ),
    path(
        "organizations/<slug:slug>/record-openings/",
        reports.RecordOpenings.as_view(),
        name="record_openings",
    ),
    path(
        "organizations/<slug:slug>/educators/<int:user_id>/transcript/",
        reports.Transcript.as_view(),
        name="educator_transcript",
    ),
]

urlpatterns = [
    *[
        path("api/v1/" + str(pattern.pattern), pattern.callback, name=pattern.name)
        for pattern in v1
    ],
    path(
        "api/openapi.json",
        SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="openapi",
    ),
    path("api/docs/", docs.reference, name="docs"),
    re_path(r"^api/", errors.not_found),
]
