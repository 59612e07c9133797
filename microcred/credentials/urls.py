from django.urls import path

from . import ob2_views, views
from .api import views as api_views

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
    # Open Badges 2.0 hosted documents and baked images
    path("badges/<uuid:public_id>/assertion.json", ob2_views.ob2_assertion, name="ob2_assertion"),
    path(
        "badges/<uuid:public_id>/badge.png",
        ob2_views.baked_badge,
        {"standard": "ob2", "suffix": "png"},
        name="ob2_baked_png",
    ),
    path(
        "badges/<uuid:public_id>/badge.svg",
        ob2_views.baked_badge,
        {"standard": "ob2", "suffix": "svg"},
        name="ob2_baked_svg",
    ),
    path(
        "badges/<uuid:public_id>/credential.png",
        ob2_views.baked_badge,
        {"standard": "ob3", "suffix": "png"},
        name="ob3_baked_png",
    ),
    path(
        "badges/<uuid:public_id>/credential.svg",
        ob2_views.baked_badge,
        {"standard": "ob3", "suffix": "svg"},
        name="ob3_baked_svg",
    ),
    path("issuers/<slug:slug>/profile.json", ob2_views.ob2_issuer, name="ob2_issuer"),
    path("issuers/<slug:slug>/revocations.json", ob2_views.ob2_revocations, name="ob2_revocations"),
    path(
        "achievements/<slug:slug>/<int:number>/badgeclass.json",
        ob2_views.ob2_badge,
        name="ob2_badge",
    ),
    path(
        "achievements/<slug:slug>/<int:number>/image.png",
        ob2_views.ob2_badge_image,
        name="ob2_badge_image",
    ),
    path(
        "achievements/stacks/<slug:slug>/badgeclass.json",
        ob2_views.ob2_stack_badge,
        name="ob2_stack_badge",
    ),
    path(
        "achievements/stacks/<slug:slug>/image.png",
        ob2_views.ob2_stack_badge_image,
        name="ob2_stack_badge_image",
    ),
    path("verify/", views.verifier, name="verify"),
    path("credentials/verify", api_views.api_verify_credential, name="api_verify_credential"),
    path("presentations/verify", api_views.api_verify_presentation, name="api_verify_presentation"),
    path("credentials/issue", api_views.api_issue_credential, name="api_issue_credential"),
    path("author/credentials/<slug:slug>/", views.issuer_credentials, name="issuer_credentials"),
]
