from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from . import errors
from .views import catalog, docs

app_name = "api"

# Every area adds its addresses to `v1`; the OpenAPI document and its page read them all.
v1 = [
    path("micro-credentials/", catalog.MicroCredentials.as_view(), name="micro_credentials"),
    path(
        "micro-credentials/<slug:slug>/",
        catalog.MicroCredential.as_view(),
        name="micro_credential",
    ),
]

urlpatterns = [
    *[
        path("api/v1/" + str(pattern.pattern), pattern.callback, name=pattern.name)
        for pattern in v1
    ],
    path(
        "api/openapi.json",
        SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="openapi",
    ),
    path("api/docs/", docs.reference, name="docs"),
    re_path(r"^api/", errors.not_found, name="not_found"),
]
