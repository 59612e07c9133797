from django.urls import path

from .views import authoring as views
from .views import offerings

app_name = "author"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("versions/<int:pk>/", views.version_editor, name="version"),
    path("versions/<int:pk>/details/", views.save_details, name="save_details"),
    path("versions/<int:pk>/requirements/", views.add_requirement, name="add_requirement"),
    path(
        "versions/<int:pk>/requirements/<int:requirement_pk>/criteria/",
        views.add_criterion,
        name="add_criterion",
    ),
    path("versions/<int:pk>/resources/", views.add_resource, name="add_resource"),
    path("versions/<int:pk>/alignments/", views.add_alignment, name="add_alignment"),
    path(
        "versions/<int:pk>/<str:kind>/<int:part_pk>/remove/",
        views.remove_part,
        name="remove_part",
    ),
    path("versions/<int:pk>/review/", views.submit_for_review, name="submit_for_review"),
    path("versions/<int:pk>/draft/", views.return_to_draft, name="return_to_draft"),
    path("versions/<int:pk>/publish/", views.publish, name="publish"),
    path("versions/<int:pk>/retire/", views.retire, name="retire"),
    path("versions/<int:pk>/revise/", views.start_revision, name="start_revision"),
    path("issuers/<slug:issuer_slug>/stacks/new/", offerings.stack_new, name="stack_new"),
    path("stacks/<int:pk>/", offerings.stack_edit, name="stack"),
    path("stacks/<int:pk>/publish/", offerings.stack_publish, name="stack_publish"),
    path("stacks/<int:pk>/alignments/", offerings.stack_alignment_add, name="stack_alignment_add"),
    path(
        "stacks/<int:pk>/alignments/<int:alignment_pk>/remove/",
        offerings.stack_alignment_remove,
        name="stack_alignment_remove",
    ),
    path("micro-credentials/<slug:slug>/cohorts/new/", offerings.cohort_new, name="cohort_new"),
    path("cohorts/<int:pk>/", offerings.cohort_edit, name="cohort_edit"),
]
