from django.urls import path

from . import views

app_name = "operations"
urlpatterns = [
    path("health/", views.health, name="health"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
]
