from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Cascade administration"
admin.site.site_title = "Cascade"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("config.api_urls")),
    path("", include("goals.alignment.urls")),
    path("", RedirectView.as_view(url="/admin/", permanent=False), name="home"),
]
