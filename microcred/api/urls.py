from django.urls import path, re_path

from . import errors
from .views import catalog, docs, reviews

app_name = "api"

# Every area adds its addresses to `v1`; the OpenAPI document and its page read them all.
v1 = [
    path("micro-credentials/", catalog.MicroCredentials.as_view(), name="micro_credentials"),
    path(
        "micro-credentials/<slug:slug>/",
        catalog.MicroCredential.as_view(),
        name="micro_credential",
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
