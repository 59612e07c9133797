from django.urls import path

from . import views

app_name = "webhooks"
_base = "organizations/<slug:slug>/webhooks/"
urlpatterns = [
    path(_base, views.endpoints, name="endpoints"),
    path(_base + "<int:pk>/", views.endpoint, name="endpoint"),
    path(_base + "<int:pk>/edit/", views.edit, name="edit"),
    path(_base + "<int:pk>/secret/", views.rotate_secret, name="rotate_secret"),
    path(_base + "<int:pk>/test/", views.send_test, name="send_test"),
    path(_base + "<int:pk>/enabled/", views.set_enabled, name="set_enabled"),
    path(_base + "<int:pk>/remove/", views.remove, name="remove"),
    path(
        _base + "<int:pk>/deliveries/<int:delivery_pk>/retry/",
        views.retry,
        name="retry",
    ),
]
