from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from . import errors
from .views import backpack, catalog, docs, submissions

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
