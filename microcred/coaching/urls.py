from django.urls import path

from . import views

app_name = "coaching"
urlpatterns = [
    path("", views.cohorts, name="cohorts"),
    path("<int:cohort_id>/", views.cohort, name="cohort"),
    path("<int:cohort_id>/deadlines/", views.deadline, name="deadline"),
    path("<int:cohort_id>/drafts/<str:reference>/", views.draft, name="draft"),
    path(
        "<int:cohort_id>/drafts/<str:reference>/requirements/<int:requirement_id>/comments/",
        views.comment,
        name="comment",
    ),
    path(
        "<int:cohort_id>/drafts/<str:reference>/evidence/<int:evidence_id>/",
        views.evidence_file,
        name="evidence_file",
    ),
    path(
        "replies/<str:reference>/requirements/<int:requirement_id>/",
        views.reply,
        name="reply",
    ),
]
