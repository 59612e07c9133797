from django.urls import path

from . import views

app_name = "federation"
urlpatterns = [
    path("ctdl/catalog.json", views.ctdl_catalog, name="ctdl_catalog"),
    path("ctdl/issuers/<slug:slug>.json", views.ctdl_issuer, name="ctdl_issuer"),
    path(
        "ctdl/micro-credentials/<slug:slug>.json",
        views.ctdl_micro_credential,
        name="ctdl_micro_credential",
    ),
    path("ctdl/stacks/<slug:slug>.json", views.ctdl_stack, name="ctdl_stack"),
    path("ob3/catalog.json", views.ob3_catalog, name="ob3_catalog"),
    path(
        "ob3/micro-credentials/<slug:slug>.json",
        views.ob3_micro_credential,
        name="ob3_micro_credential",
    ),
    path("ob3/stacks/<slug:slug>.json", views.ob3_stack, name="ob3_stack"),
    path("frameworks/", views.frameworks, name="frameworks"),
    path("catalogs/", views.catalogs_page, name="catalogs"),
    path("versions/<int:pk>/standards/", views.pick_for_version, name="pick_for_version"),
    path("stacks/<int:pk>/standards/", views.pick_for_stack, name="pick_for_stack"),
    path("issuers/<slug:slug>/registry/", views.registry, name="registry"),
]
