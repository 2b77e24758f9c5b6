"""Web pages under the site root; names live in the `web` namespace."""

from django.urls import path

from chitieu.web.views import auth, dashboard

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="home"),
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth.LogoutView.as_view(), name="logout"),
]
