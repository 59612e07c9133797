from django.urls import path

from . import views

app_name = "backpack"
urlpatterns = [
    path("", views.home, name="home"),
    path("add/<slug:slug>/", views.enroll, name="enroll"),
]
