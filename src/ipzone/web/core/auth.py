"""Login with throttling, and bearer tokens for the API.

Failed logins are counted in the cache per (username, client address) and per address; past
``LOGIN_FAILURES_ALLOWED`` within ``LOGIN_FAILURE_WINDOW`` seconds the form refuses to check the
password at all until the window has passed. A success clears the username's counter.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from ipzone.web.core.models import ApiToken

PER_ADDRESS_FACTOR = 4  # an address may fail this many times more, across usernames


def client_address(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or, when that is a trusted proxy
    (``IPZONE_TRUSTED_PROXIES``), the last address in X-Forwarded-For that is not one: the proxies
    append, so what comes before the first untrusted hop is the client's to forge."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if remote not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return remote


def _keys(username: str, address: str) -> tuple[str, str]:
    user_key = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()
    return f"ipzone:login:u:{user_key}", f"ipzone:login:a:{address}"


def _fail(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW)


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": "登录失败次数过多，请 15 分钟后再试。",
    }

    def clean(self):
        username = self.data.get("username", "") or ""
        user_key, address_key = _keys(username, client_address(self.request))
        allowed = settings.LOGIN_FAILURES_ALLOWED
        if cache.get(user_key, 0) >= allowed or cache.get(address_key, 0) >= allowed * PER_ADDRESS_FACTOR:
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            _fail(user_key)
            _fail(address_key)
            raise
        cache.delete(user_key)
        return cleaned


class LoginView(auth_views.LoginView):
    authentication_form = ThrottledAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class TokenAuth(HttpBearer):
    """``Authorization: Bearer ipz_…`` (issued by ``ipzone createuser --token``)."""

    def authenticate(self, request, token: str):
        t = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token)).first()
        if t is None or not t.user.is_active:
            return None
        now = timezone.now()
        if t.last_used is None or (now - t.last_used).total_seconds() > 300:
            ApiToken.objects.filter(pk=t.pk).update(last_used=now)
        request.user = t.user
        return t.user


class SessionUser(SessionAuth):
    """The logged-in user of the browser session (CSRF checked on unsafe methods)."""


def api_auth() -> list:
    """The bearer token first: a token client sends no CSRF token, and a session check tried first
    would refuse its POST before the token is looked at. Without an ``Authorization`` header the
    token check passes the request on to the session (CSRF checked)."""
    return [TokenAuth(), SessionUser()]
