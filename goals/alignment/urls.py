from django.urls import path

from goals.alignment import views

app_name = "alignment"

urlpatterns = [
    path("alignment/", views.health_default, name="health-default"),
    path("alignment/<int:cycle_id>/", views.health, name="health"),
    path("alignment/<int:cycle_id>/scan/", views.scan, name="scan"),
]
