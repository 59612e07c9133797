from django.urls import path

from .views import api, apps, clients, oauth

app_name = "connect"

# The Open Badges 3.0 API lives where the spec puts it (OB 3.0 §6); its authorization
# server beside it, so a wallet finds everything from the discovery document.
urlpatterns = [
    path("ims/ob/v3p0/discovery", api.discovery, name="discovery"),
    path("ims/ob/v3p0/credentials", api.credentials, name="credentials"),
    path("ims/ob/v3p0/profile", api.profile, name="profile"),
    path("ims/ob/v3p0/oauth/register", oauth.register, name="register"),
    path("ims/ob/v3p0/oauth/authorize", oauth.Consent.as_view(), name="authorize"),
    path("ims/ob/v3p0/oauth/token", oauth.Token.as_view(), name="token"),
    path("ims/ob/v3p0/oauth/revoke", oauth.Revoke.as_view(), name="revoke"),
    path("profile/apps/", apps.connected_apps, name="apps"),
    path("profile/apps/<str:client_id>/disconnect/", apps.disconnect, name="disconnect"),
    path("backpack/held/<int:pk>/download/", apps.held_download, name="held_download"),
    path("backpack/held/<int:pk>/remove/", apps.held_remove, name="held_remove"),
    path("organizations/<slug:slug>/api-clients/", clients.clients, name="api_clients"),
    path(
        "organizations/<slug:slug>/api-clients/<int:pk>/revoke/",
        clients.revoke,
        name="api_client_revoke",
    ),
]
