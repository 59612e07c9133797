from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("webhooks/card/", views.provider_webhook, name="webhook"),
]
