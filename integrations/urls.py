from django.urls import path

from integrations import views

app_name = "integrations"

urlpatterns = [
    path("goals/<int:goal_pk>/feeds/new/", views.feed_create, name="feed-create"),
    path("feeds/<int:pk>/", views.feed_detail, name="feed"),
    path("feeds/<int:pk>/edit/", views.feed_edit, name="feed-edit"),
    path("feeds/<int:pk>/fetch/", views.feed_fetch, name="feed-fetch"),
    path("feeds/<int:pk>/toggle/", views.feed_toggle, name="feed-toggle"),
    path("feeds/<int:pk>/rotate-secret/", views.feed_rotate_secret, name="feed-rotate-secret"),
    path("feeds/<int:pk>/delete/", views.feed_delete, name="feed-delete"),
    path("integrations/", views.overview, name="overview"),
    path("integrations/connections/new/", views.connection_form, name="connection-create"),
    path("integrations/connections/<int:pk>/", views.connection_form, name="connection-edit"),
    path("integrations/connections/<int:pk>/delete/", views.connection_delete, name="connection-delete"),
]
