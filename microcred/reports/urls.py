from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("badges/<uuid:public_id>/certificate.pdf", views.certificate, name="certificate"),
    path("reports/transcript/", views.my_transcript, name="transcript"),
    path("reports/educators/", views.organizations, name="organizations"),
    path("reports/educators/<slug:slug>/", views.educators, name="educators"),
    path("reports/educators/<slug:slug>/records/", views.open_record, name="open_record"),
    path("reports/educators/<slug:slug>/records/opened/", views.openings, name="openings"),
    path(
        "reports/educators/<slug:slug>/<int:user_id>/transcript/",
        views.educator_transcript,
        name="educator_transcript",
    ),
]
