from django.urls import path

from .views import public as views

app_name = "catalog"
urlpatterns = [
    path("catalog/", views.catalog, name="index"),
    path("catalog/<slug:slug>/", views.micro_credential, name="micro_credential"),
    path("stacks/", views.stack_list, name="stacks"),
    path("stacks/<slug:slug>/", views.stack, name="stack"),
    path("issuers/<slug:slug>/", views.issuer, name="issuer"),
]
