"""Yuanqu settings, read from the environment.

Three modes:
- production (the default): DEBUG off, HTTPS-only cookies and HSTS, a real secret key required,
  and the server refuses to start while demo accounts exist (see accounts.guards).
- demo (YUANQU_DEMO=true): the Xiangtan demo over plain HTTP on 127.0.0.1; demo accounts allowed.
- debug (YUANQU_DEBUG=true): local development.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("YUANQU_DEBUG")
DEMO = env_bool("YUANQU_DEMO")
PRODUCTION = not DEBUG and not DEMO
VAR_DIR = Path(os.environ.get("YUANQU_VAR_DIR", BASE_DIR / "var"))


def _secret_key() -> str:
    key = os.environ.get("YUANQU_SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "生产模式需要设置 YUANQU_SECRET_KEY(至少50个随机字符)。Set YUANQU_SECRET_KEY."
        )
    # Demo and development keep a random key in var/ so sessions survive a restart.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        from django.core.management.utils import get_random_secret_key

        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("YUANQU_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("YUANQU_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "axes",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "yuanqu.common",
    "yuanqu.accounts",
    "yuanqu.audit",
    "yuanqu.holidays",
    "yuanqu.registry",
    "yuanqu.projects",
    "yuanqu.inbox",
    "yuanqu.supervision",
    "yuanqu.dispatch",
    "yuanqu.competitions",
    "yuanqu.appeals",
    "yuanqu.indicators",
    "yuanqu.approvals",
    "yuanqu.api",
    "yuanqu.dashboard",
    "yuanqu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After MessageMiddleware: it tells the signed-out user why, through a message.
    "yuanqu.accounts.middleware.IdleTimeoutMiddleware",
    # After the idle check: a session signed out for idleness is not asked for a code first.
    "yuanqu.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "yuanqu.audit.middleware.AuditlogMiddleware",
    # AxesMiddleware last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "yuanqu.urls"
WSGI_APPLICATION = "yuanqu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yuanqu.common.context_processors.shell",
            ],
        },
    },
]


# Form widgets render through Jinja2 (Django ships the same widget templates for it): a filter form
# with a select of the province's 200 zones costs ~10 ms less a page than with the template engine.
FORM_RENDERER = "django.forms.renderers.Jinja2"


def _database() -> dict:
    default_name = "demo.sqlite3" if DEMO else "yuanqu.sqlite3"
    url = os.environ.get("YUANQU_DATABASE_URL") or f"sqlite:///{VAR_DIR / default_name}"
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        if config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers and one writer work at once; IMMEDIATE avoids "database is locked"
            # upgrades mid-transaction when several gunicorn workers write.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "name", "email")},
    },
    {"NAME": "yuanqu.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "yuanqu.accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout: 5 failures lock the username (not the address: offices share one NAT) for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "yuanqu.accounts.views.lockout_response"
AXES_VERBOSE = False
# axes.W006 wants the address in the lockout key; the design keys on the username alone, because a
# zone's offices reach us through one NAT address and one person's typos must not lock out everyone.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Two-factor sign-in (TOTP, any authenticator app): required of these roles, optional for the rest.
# Production requires it of the three administrators; the demo requires it of nobody, so its
# public accounts can be tried without a phone.
YUANQU_2FA_ROLES = env_list("YUANQU_2FA_ROLES", "" if DEMO or DEBUG else "sysadmin,secadmin,auditor")
OTP_TOTP_ISSUER = "园区 Yuanqu"

# Idle timeout: a session with no request for this many minutes is signed out.
SESSION_IDLE_MINUTES = int(os.environ.get("YUANQU_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# ISO dates first, so <input type="date"> fields show their value (see yuanqu/formats).
FORMAT_MODULE_PATH = ["yuanqu.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names served by whitenoise (collectstatic writes them; `yuanqu serve` runs
    # it when missing); plain names while debugging. The test suite uses plain names too (conftest).
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The audit trail: django-auditlog writes into our own immutable model.
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
# auditlog's first migration creates its own LogEntry table even when the model is swapped out;
# that empty table would only hold foreign keys (and block PostgreSQL's TRUNCATE of content types).
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_ON_RAW_SAVE = True
# A changed zone or park reads "湘乡经开区 → 岳塘经开区", not "6 → 7", and stays readable if renamed later.
AUDITLOG_USE_FK_STRING_REPRESENTATION = True

# How many reverse proxies of our own stand in front (load balancer, nginx): the logs take the
# client's address from X-Forwarded-For only that far; with none, from the connection itself.
YUANQU_TRUSTED_PROXIES = int(os.environ.get("YUANQU_TRUSTED_PROXIES", "0"))

# The demo lives on the day after the page's last dated event (see common/clock).
YUANQU_FROZEN_TODAY = os.environ.get("YUANQU_TODAY", "2021-05-14" if DEMO else "")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("YUANQU_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("YUANQU_LOG_LEVEL", "WARNING")},
}
