from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/accept/", views.accept, name="accept"),
    path("reviews/<int:pk>/decline/", views.decline, name="decline"),
    path("reviews/<int:pk>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
]
