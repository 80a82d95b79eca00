from django.urls import path

from goals.quotas import views

app_name = "quotas"

urlpatterns = [
    path("goals/<int:pk>/phasing/", views.phasing_edit, name="phasing"),
    path("goals/<int:pk>/phasing/clear/", views.phasing_clear, name="phasing-clear"),
    path("goals/<int:pk>/retrospective/", views.retrospective, name="retrospective"),
]
