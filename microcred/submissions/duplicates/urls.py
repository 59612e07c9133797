from django.urls import path

from . import views

app_name = "duplicates"
urlpatterns = [
    path("", views.flag_list, name="list"),
    path("<int:pk>/", views.flag_detail, name="flag"),
    path("<int:pk>/clear/", views.clear, name="clear"),
    path("<int:pk>/ask/", views.ask, name="ask"),
    path("<int:pk>/explain/", views.explain, name="explain"),
]
