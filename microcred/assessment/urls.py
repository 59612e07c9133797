from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/accept/", views.accept, name="accept"),
    path("reviews/<int:pk>/decline/", views.decline, name="decline"),
    path("reviews/<int:pk>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("calibration/", views.calibration, name="calibration"),
    path("calibration/<int:mc_pk>/start/", views.calibration_start, name="calibration_start"),
    path("calibration/attempts/<int:pk>/", views.calibration_attempt, name="calibration_attempt"),
    path(
        "calibration/attempts/<int:pk>/evidence/<int:evidence_id>/",
        views.calibration_evidence,
        name="calibration_evidence",
    ),
    path("anchors/<int:mc_pk>/", views.anchors, name="anchors"),
    path("anchors/<int:mc_pk>/new/", views.anchor_new, name="anchor_new"),
    path("reliability/", views.reliability, name="reliability"),
    path("reliability/<int:mc_pk>/", views.reliability_detail, name="reliability_detail"),
    path("reliability/<int:mc_pk>/export.csv", views.reliability_export, name="reliability_export"),
]
