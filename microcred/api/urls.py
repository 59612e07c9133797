from django.urls import path, re_path

from . import errors
from .views import (
    authoring,
    awards,
    backpack,
    catalog,
    cohorts,
    docs,
    reports,
    reviews,
    submissions,
    vouchers,
)

app_name = "api"

# Every area adds its addresses to `v1`; the OpenAPI document and its page read them all.
v1 = [
    path("micro-credentials/", catalog.MicroCredentials.as_view(), name="micro_credentials"),
    path(
        "micro-credentials/<slug:slug>/",
        catalog.MicroCredential.as_view(),
        name="micro_credential",
    ),
    # Backpack and submissions: the earner's own, through a person's app.
    path("enrollments/", backpack.Enrollments.as_view(), name="enrollments"),
    path("enrollments/<int:pk>/", backpack.Enrollment.as_view(), name="enrollment"),
    path(
        "enrollments/<int:pk>/submissions/",
        submissions.StartAttempt.as_view(),
        name="enrollment_submissions",
    ),
    path("submissions/", submissions.Submissions.as_view(), name="submissions"),
    path("submissions/<str:reference>/", submissions.Submission.as_view(), name="submission"),
    path(
        "submissions/<str:reference>/requirements/<int:requirement_id>/answers/<slug:kind>/",
        submissions.Answer.as_view(),
        name="submission_answer",
    ),
    path(
        "submissions/<str:reference>/requirements/<int:requirement_id>/links/",
        submissions.Links.as_view(),
        name="submission_links",
    ),
    path(
        "submissions/<str:reference>/requirements/<int:requirement_id>/files/",
        submissions.Files.as_view(),
        name="submission_files",
    ),
    path(
        "submissions/<str:reference>/evidence/<int:evidence_id>/",
        submissions.Evidence.as_view(),
        name="submission_evidence",
    ),
    path(
        "submissions/<str:reference>/evidence/<int:evidence_id>/file/",
        submissions.EvidenceFile.as_view(),
        name="submission_evidence_file",
    ),
    path(
        "submissions/<str:reference>/collaboration/",
        submissions.Collaboration.as_view(),
        name="submission_collaboration",
    ),
    path(
        "submissions/<str:reference>/submit/",
        submissions.Submit.as_view(),
        name="submission_submit",
    ),
    path(
        "submissions/<str:reference>/withdraw/",
        submissions.Withdraw.as_view(),
        name="submission_withdraw",
    ),
    # Assignments and reviews
    path("assignments/", reviews.Assignments.as_view(), name="assignments"),
    path("assignments/<int:pk>/", reviews.AssignmentDetail.as_view(), name="assignment"),
    path("assignments/<int:pk>/accept/", reviews.Accept.as_view(), name="assignment_accept"),
    path("assignments/<int:pk>/decline/", reviews.Decline.as_view(), name="assignment_decline"),
    path(
        "assignments/<int:pk>/review/",
        reviews.AssignmentReview.as_view(),
        name="assignment_review",
    ),
    path(
        "assignments/<int:pk>/evidence/<int:evidence_id>/",
        reviews.EvidenceFile.as_view(),
        name="assignment_evidence",
    ),
    # -- Authoring the catalog ----------------------------------------------------------
    path("authoring/versions/", authoring.Versions.as_view(), name="authoring_versions"),
    path(
        "authoring/micro-credentials/",
        authoring.MicroCredentials.as_view(),
        name="authoring_micro_credentials",
    ),
    path("authoring/versions/<int:pk>/", authoring.Version.as_view(), name="authoring_version"),
    path("authoring/versions/<int:pk>/image/", authoring.Image.as_view(), name="authoring_image"),
    path(
        "authoring/versions/<int:pk>/requirements/",
        authoring.Requirements.as_view(),
        name="authoring_requirements",
    ),
    path(
        "authoring/versions/<int:pk>/requirements/<int:part>/",
        authoring.RequirementDetail.as_view(),
        name="authoring_requirement",
    ),
    path(
        "authoring/versions/<int:pk>/requirements/<int:part>/criteria/",
        authoring.Criteria.as_view(),
        name="authoring_criteria",
    ),
    path(
        "authoring/versions/<int:pk>/requirements/<int:part>/criteria/<int:criterion>/",
        authoring.CriterionDetail.as_view(),
        name="authoring_criterion",
    ),
    path(
        "authoring/versions/<int:pk>/resources/",
        authoring.Resources.as_view(),
        name="authoring_resources",
    ),
    path(
        "authoring/versions/<int:pk>/resources/<int:part>/",
        authoring.ResourceDetail.as_view(),
        name="authoring_resource",
    ),
    path(
        "authoring/versions/<int:pk>/alignments/",
        authoring.Alignments.as_view(),
        name="authoring_alignments",
    ),
    path(
        "authoring/versions/<int:pk>/alignments/<int:part>/",
        authoring.AlignmentDetail.as_view(),
        name="authoring_alignment",
    ),
    path(
        "authoring/versions/<int:pk>/submit-for-review/",
        authoring.SubmitForReview.as_view(),
        name="authoring_submit_for_review",
    ),
    path(
        "authoring/versions/<int:pk>/return-to-draft/",
        authoring.ReturnToDraft.as_view(),
        name="authoring_return_to_draft",
    ),
    path(
        "authoring/versions/<int:pk>/publish/",
        authoring.Publish.as_view(),
        name="authoring_publish",
    ),
    path(
        "authoring/versions/<int:pk>/retire/", authoring.Retire.as_view(), name="authoring_retire"
    ),
    path(
        "authoring/versions/<int:pk>/revision/",
        authoring.Revision.as_view(),
        name="authoring_revision",
    ),
    # -- Awards and revocation ----------------------------------------------------------
    path("awards/", awards.Awards.as_view(), name="awards"),
    path("awards/<uuid:public_id>/", awards.AwardDetail.as_view(), name="award"),
    path("awards/<uuid:public_id>/revoke/", awards.Revocation.as_view(), name="award_revoke"),
    path(
        "awards/cohorts/<int:cohort>/issuance/",
        awards.CohortIssuance.as_view(),
        name="cohort_issuance",
    ),
    path(
        "awards/cohorts/<int:cohort>/issue/",
        awards.IssueForCohort.as_view(),
        name="cohort_issue",
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
    path("api/openapi.json", docs.Document.as_view(), name="openapi"),
    path("api/docs/", docs.reference, name="docs"),
    re_path(r"^api/", errors.not_found, name="not_found"),
]
