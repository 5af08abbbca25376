"""Django settings, read from the environment so that one package serves every zone.

=========================  ==========================================================
``IPZONE_HOME``            files of the platform (default ``~/.ipzone``)
``IPZONE_DB``              database URL (default ``sqlite:///$IPZONE_HOME/ipzone.sqlite3``)
``IPZONE_SECRET_KEY``      secret key (default: generated into ``$IPZONE_HOME/secret_key``)
``IPZONE_DEBUG``           ``1`` turns DEBUG on (never in production)
``IPZONE_ALLOWED_HOSTS``   comma-separated host names (default: loopback names)
``IPZONE_INSECURE_HTTP``   ``1`` lets session and CSRF cookies travel over plain HTTP to a
                           host that is not the loopback (an intranet without TLS)
``IPZONE_CONFIG``          the zone configuration TOML (``ipzone.config``)
``IPZONE_UPLOAD_MAX_MB``   largest upload on the import page (default 100)
``IPZONE_ATTACHMENT_MAX_MB`` largest attachment to a dispute or an objection (default 10)
``IPZONE_CASE_FILE_MAX_MB`` largest file attached to a protection case (default 20)
``IPZONE_OBJECTIONS_PER_HOUR`` objections to a 公示 one address may send in an hour (default 10)
``IPZONE_TRUSTED_PROXIES`` comma-separated addresses of reverse proxies whose X-Forwarded-For
                           names the client (default: none; REMOTE_ADDR is the client)
``IPZONE_SMTP_URL``        send notices by e-mail too: ``smtp://user:password@host:port``
                           (``smtps://`` for implicit TLS, ``?starttls=1`` for STARTTLS);
                           unset, notices stay in the platform's inbox (消息)
``IPZONE_MAIL_FROM``       the notices' sender address (default ``ipzone@localhost``)
``IPZONE_BASE_URL``        the platform's address, for links in e-mailed notices
                           (e.g. ``http://ipzone.zone.gov.cn``)
=========================  ==========================================================
"""

from __future__ import annotations

import os
from pathlib import Path

from ipzone.web import dburl, home

WEB = Path(__file__).resolve().parent
HOME = home.path()


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = home.secret_key(HOME)
DEBUG = _flag("IPZONE_DEBUG")
TESTING = _flag("IPZONE_TESTING")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("IPZONE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("IPZONE_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

DATABASE_URL = os.environ.get("IPZONE_DB") or f"sqlite:///{HOME / 'ipzone.sqlite3'}"
DATABASES = {"default": dburl.parse(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "simple_history",
    "ninja",
    "ipzone.web.core",
    "ipzone.web.entities",
    "ipzone.web.patents",
    "ipzone.web.finance",
    "ipzone.web.marks",
    "ipzone.web.protection",
    "ipzone.web.services",
    "ipzone.web.monitoring",
    "ipzone.web.policies",
    "ipzone.web.programme",
    "ipzone.web.operation",
    "ipzone.web.publicity",
    "ipzone.web.reports",
    "ipzone.web.notices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ipzone.web.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "ipzone.web.urls"
WSGI_APPLICATION = "ipzone.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ipzone.web.core.context.navigation",
                "ipzone.web.notices.context.unread",
            ],
        },
    },
]

# --- people -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Login throttling (ipzone.web.core.auth): failures per (username, address) within the window.
LOGIN_FAILURES_ALLOWED = int(os.environ.get("IPZONE_LOGIN_FAILURES", "5"))
LOGIN_FAILURE_WINDOW = 15 * 60
# The public objection form (公示): submissions allowed per client address per hour.
PUBLIC_OBJECTIONS_PER_HOUR = int(os.environ.get("IPZONE_OBJECTIONS_PER_HOUR", "10"))

# --- security ---------------------------------------------------------------------------------
_secure_cookies = not _flag("IPZONE_INSECURE_HTTP") and not DEBUG
SESSION_COOKIE_SECURE = _secure_cookies  # browsers accept Secure cookies from http://127.0.0.1 and localhost
CSRF_COOKIE_SECURE = _secure_cookies
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "ipzone_session"
CSRF_COOKIE_NAME = "ipzone_csrftoken"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Reverse proxies whose X-Forwarded-For the platform believes (login and objection throttles key on
# the client's address; without this, behind a proxy every visitor would share the proxy's).
TRUSTED_PROXIES = frozenset(a.strip() for a in os.environ.get("IPZONE_TRUSTED_PROXIES", "").split(",") if a.strip())
if _flag("IPZONE_HTTPS"):  # behind a TLS-terminating proxy
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# --- uploads ----------------------------------------------------------------------------------
UPLOAD_MAX_BYTES = int(float(os.environ.get("IPZONE_UPLOAD_MAX_MB", "100")) * 1024 * 1024)
ZIP_MAX_MEMBERS = 64
ZIP_MAX_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GiB in all
ZIP_MAX_RATIO = 200  # uncompressed / compressed, per member
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
IMPORTS_DIR = HOME / "imports"
# Attachments (ipzone.web.uploads.AttachmentsField), each at most this: to a disputed entitlement
# or an objection to a 公示 (ipzone.web.policies), and to a protection case (ipzone.web.protection).
ATTACHMENT_MAX_BYTES = int(float(os.environ.get("IPZONE_ATTACHMENT_MAX_MB", "10")) * 1024 * 1024)
CASE_FILE_MAX_BYTES = int(float(os.environ.get("IPZONE_CASE_FILE_MAX_MB", "20")) * 1024 * 1024)
REPORTS_DIR = HOME / "reports"  # generated reports (ipzone.web.reports), kept with their ReportRun

# --- language, time ---------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# One process (waitress threads): a local-memory cache. Its default of 300 entries made indicator
# results, sessions and login counters evict each other under load.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ipzone",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
# Sessions read from the cache, written to the database too (a restart keeps everyone logged in).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- notices by e-mail (ipzone.web.notices) ----------------------------------------------------
NOTICE_EMAIL = bool(os.environ.get("IPZONE_SMTP_URL"))
if NOTICE_EMAIL:
    from urllib.parse import parse_qs, unquote, urlsplit

    _smtp = urlsplit(os.environ["IPZONE_SMTP_URL"])
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _smtp.hostname or "localhost"
    EMAIL_PORT = _smtp.port or (465 if _smtp.scheme == "smtps" else 25)
    EMAIL_HOST_USER = unquote(_smtp.username or "")
    EMAIL_HOST_PASSWORD = unquote(_smtp.password or "")
    EMAIL_USE_SSL = _smtp.scheme == "smtps"
    EMAIL_USE_TLS = parse_qs(_smtp.query).get("starttls", ["0"])[0] in ("1", "true", "yes")
    EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("IPZONE_MAIL_FROM", "ipzone@localhost")
NOTICE_BASE_URL = os.environ.get("IPZONE_BASE_URL", "")

# --- the zone ---------------------------------------------------------------------------------
ZONE_CONFIG = os.environ.get("IPZONE_CONFIG") or None
# Recompute the dashboard's numbers in the background at start and after each data change
# (ipzone.web.metrics.warm_soon); ``ipzone serve`` turns it on unless IPZONE_WARM=0.
WARM_CACHE = _flag("IPZONE_WARM")
# Reports are made by a background worker (the page does not wait ten seconds for a PDF); in the
# request when IPZONE_REPORTS_BACKGROUND=0, and in the tests.
REPORTS_IN_BACKGROUND = _flag("IPZONE_REPORTS_BACKGROUND", "1") and not TESTING
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.security": {"handlers": ["console"], "level": "WARNING"}},
}
