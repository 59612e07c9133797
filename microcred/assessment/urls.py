from django.urls import path

from . import pool_views, views

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
    path("pools/<slug:slug>/", pool_views.pool, name="pool"),
    path("pools/<slug:slug>/invite/", pool_views.invite, name="pool_invite"),
    path(
        "pools/<slug:slug>/invitations/<int:pk>/resend/",
        pool_views.invitation_resend,
        name="pool_invitation_resend",
    ),
    path(
        "pools/<slug:slug>/invitations/<int:pk>/revoke/",
        pool_views.invitation_revoke,
        name="pool_invitation_revoke",
    ),
    path("pools/<slug:slug>/members/<int:pk>/", pool_views.member, name="pool_member"),
    path(
        "pools/<slug:slug>/members/<int:pk>/remove/",
        pool_views.member_remove,
        name="pool_member_remove",
    ),
    path("reliability/", views.reliability, name="reliability"),
    path("reliability/<int:mc_pk>/", views.reliability_detail, name="reliability_detail"),
    path("reliability/<int:mc_pk>/export.csv", views.reliability_export, name="reliability_export"),
]
