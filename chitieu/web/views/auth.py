"""Sign-in and sign-out: Django's auth views with Vietnamese templates.

Throttling is django-axes (settings.AXES_*): its backend refuses a locked user name and
address pair, and its middleware answers with `web/locked.html`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return ctx


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link cannot sign anybody out."""
