from django.urls import path

from .views import invitation, lists, members, own_data, profile

app_name = "people"
_members = "organizations/<slug:slug>/members/"
urlpatterns = [
    path("invitations/<str:token>/", invitation.invitation, name="invitation"),
    path("profile/", profile.profile, name="profile"),
    path("profile/districts/", profile.join, name="join"),
    path("profile/my-data.zip", own_data.download, name="download_data"),
    path("profile/delete/", own_data.delete_account, name="delete_account"),
    path("profile/roles/<slug:slug>/<str:role>/leave/", profile.leave, name="leave"),
    path(_members, members.members, name="members"),
    path(_members + "grant/", members.grant, name="grant"),
    path(_members + "<int:user_id>/roles/<str:role>/remove/", members.revoke, name="revoke"),
    path(
        _members + "invitations/<int:pk>/resend/",
        members.resend_invitation,
        name="resend_invitation",
    ),
    path(
        _members + "invitations/<int:pk>/revoke/",
        members.revoke_invitation,
        name="revoke_invitation",
    ),
    path(_members + "requests/<int:pk>/", members.decide_join_request, name="decide_join_request"),
    path(_members + "history/", members.history, name="history"),
    path(_members + "sign-in/", members.sign_in_rules, name="sign_in_rules"),
    path(_members + "lists/", lists.upload, name="list_upload"),
    path(_members + "lists/<int:pk>/", lists.report, name="list"),
    path(_members + "lists/<int:pk>/report.csv", lists.report_csv, name="list_csv"),
]
