from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.new, name="new"),
    path("desk/", views.desk, name="desk"),
    path("tickets/<int:pk>/", views.ticket, name="ticket"),
    path("tickets/<int:pk>/reply/", views.reply, name="reply"),
    path("tickets/<int:pk>/solved/", views.solved, name="solved"),
]
