"""Sign-in and sign-out: Django's auth views with Vietnamese templates.

Throttling is django-axes (settings.AXES_*): its backend refuses a locked user name and
address pair, and its middleware answers with `web/locked.html`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng (phân biệt chữ hoa, chữ thường).",
        "inactive": "Tài khoản này đã bị khóa; liên hệ Văn phòng.",
    }


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return ctx


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link cannot sign anybody out."""
