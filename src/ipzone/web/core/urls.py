from django.contrib.auth import views as auth_views
from django.urls import path

from ipzone.web.core import views
from ipzone.web.core.auth import LoginView
from ipzone.web.monitoring import public

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("public/", public.portal, name="public"),
]
