from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.inbox_page, name="inbox"),
    path("notifications/<int:pk>/open/", views.open_notification, name="open"),
    path("notifications/<int:pk>/read/", views.mark_read, name="read"),
    path("notifications/read-all/", views.mark_all_read, name="read-all"),
    path("notifications/settings/", views.preferences, name="preferences"),
    path("notifications/chat/", views.chat_settings, name="chat"),
]
