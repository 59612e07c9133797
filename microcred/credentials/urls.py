from django.urls import path

from . import views

app_name = "credentials"
urlpatterns = [
    path("issuers/<slug:slug>/did.json", views.did_document, name="did_document"),
    path("credentials/status/<int:pk>", views.status_list, name="status_list"),
    path("achievements/<slug:slug>/<int:number>/", views.achievement, name="achievement"),
    path("badges/<uuid:public_id>/", views.badge, name="badge"),
    path(
        "badges/<uuid:public_id>/credential.json",
        views.badge_credential,
        {"fmt": "json"},
        name="badge_credential",
    ),
    path(
        "badges/<uuid:public_id>/credential.jwt",
        views.badge_credential,
        {"fmt": "jwt"},
        name="badge_jwt",
    ),
    path("badges/<uuid:public_id>/revoke/", views.revoke, name="revoke"),
    path("badges/<uuid:public_id>/privacy/", views.badge_privacy, name="badge_privacy"),
    path("records/", views.record, name="record"),
    path("verify/", views.verifier, name="verify"),
    path("credentials/verify", views.api_verify_credential, name="api_verify_credential"),
    path("presentations/verify", views.api_verify_presentation, name="api_verify_presentation"),
    path("credentials/issue", views.api_issue_credential, name="api_issue_credential"),
    path("author/credentials/<slug:slug>/", views.issuer_credentials, name="issuer_credentials"),
]
