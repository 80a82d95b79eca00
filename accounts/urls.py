from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/api-tokens/", views.api_tokens, name="api-tokens"),
]
