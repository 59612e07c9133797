from django.urls import path

from .views import anchors, calibration, pools, reliability, reviews

app_name = "assessment"
urlpatterns = [
    path("", reviews.queue, name="queue"),
    path("reviews/<int:pk>/", reviews.review, name="review"),
    path("reviews/<int:pk>/accept/", reviews.accept, name="accept"),
    path("reviews/<int:pk>/decline/", reviews.decline, name="decline"),
    path("reviews/<int:pk>/evidence/<int:evidence_id>/", reviews.evidence_file, name="evidence"),
    path("calibration/", calibration.calibration, name="calibration"),
    path("calibration/<int:mc_pk>/start/", calibration.calibration_start, name="calibration_start"),
    path(
        "calibration/attempts/<int:pk>/",
        calibration.calibration_attempt,
        name="calibration_attempt",
    ),
    path(
        "calibration/attempts/<int:pk>/evidence/<int:evidence_id>/",
        calibration.calibration_evidence,
        name="calibration_evidence",
    ),
    path("anchors/<int:mc_pk>/", anchors.anchors, name="anchors"),
    path("anchors/<int:mc_pk>/new/", anchors.anchor_new, name="anchor_new"),
    path("pools/<slug:slug>/", pools.pool, name="pool"),
    path("pools/<slug:slug>/invite/", pools.invite, name="pool_invite"),
    path(
        "pools/<slug:slug>/invitations/<int:pk>/resend/",
        pools.invitation_resend,
        name="pool_invitation_resend",
    ),
    path(
        "pools/<slug:slug>/invitations/<int:pk>/revoke/",
        pools.invitation_revoke,
        name="pool_invitation_revoke",
    ),
    path("pools/<slug:slug>/members/<int:pk>/", pools.member, name="pool_member"),
    path(
        "pools/<slug:slug>/members/<int:pk>/remove/",
        pools.member_remove,
        name="pool_member_remove",
    ),
    path("reliability/", reliability.reliability, name="reliability"),
    path("reliability/<int:mc_pk>/", reliability.reliability_detail, name="reliability_detail"),
    path(
        "reliability/<int:mc_pk>/export.csv",
        reliability.reliability_export,
        name="reliability_export",
    ),
]
