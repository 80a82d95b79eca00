from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from accounts.forms import AdminSigninForm, SigninForm

admin.site.site_header = "Cascade administration"
admin.site.site_title = "Cascade"
admin.site.login_form = AdminSigninForm  # sign-in lockout (accounts/signin_lockout.py)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(authentication_form=SigninForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("accounts.urls")),
    path("api/", include("config.api_urls")),
    path("", include("dashboard.urls")),
    path("", include("goals.urls")),
    path("", include("goals.alignment.urls")),
    path("", include("goals.quotas.urls")),
    path("", include("assumptions.urls")),
    path("", include("notifications.urls")),
    path("", include("workshop.urls")),
    path("", include("cabinet.urls")),
    path("", include("territories.urls")),
    path("", include("integrations.urls")),
    path("", include("audit.urls")),
]
