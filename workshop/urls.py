from django.urls import path

from workshop import views

app_name = "workshop"

urlpatterns = [
    path("workshop/", views.board_default, name="board-default"),
    path("workshop/<int:cycle_id>/", views.board, name="board"),
    path("workshop/<int:cycle_id>/map/", views.map_goal, name="map"),
    path("workshop/<int:cycle_id>/unmap/", views.unmap_goal, name="unmap"),
    path("workshop/<int:cycle_id>/decisions/", views.decide, name="decide"),
    path("workshop/<int:cycle_id>/objectives/<int:objective_id>/allocate/", views.allocate, name="allocate"),
    path("workshop/<int:cycle_id>/close/", views.close, name="close"),
    path("workshop/<int:cycle_id>/baseline/", views.baseline_page, name="baseline"),
    path("workshop/<int:cycle_id>/baseline.csv", views.baseline_csv, name="baseline-csv"),
    path("workshop/<int:cycle_id>/drift/", views.drift, name="drift"),
]
