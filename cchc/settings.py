"""One settings module. Every value comes from an environment variable with a safe default.

Each variable is documented in docs/configuration.md. Helpers fail loudly on a malformed value
rather than guessing.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true/false, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# "demo" (the default: a laptop or a trial) or "production". Production refuses weak settings.
CCHC_ENV = env_str("CCHC_ENV", "demo")
if CCHC_ENV not in {"demo", "production"}:
    raise ImproperlyConfigured(f"CCHC_ENV must be 'demo' or 'production', got {CCHC_ENV!r}")
PRODUCTION = CCHC_ENV == "production"

DATA_DIR = Path(env_str("CCHC_DATA_DIR", str(PROJECT_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("CCHC_DEBUG", False)
_DEV_SECRET = "insecure-demo-key-change-me-for-production-use-only"
SECRET_KEY = env_str("CCHC_SECRET_KEY", _DEV_SECRET)
if PRODUCTION and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("CCHC_SECRET_KEY must be set when CCHC_ENV=production")

ALLOWED_HOSTS = env_list("CCHC_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CCHC_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cchc.core.vendor_apps.ScopedAdminConfig",  # django.contrib.admin, scoped (decision 0180)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's own widget templates, for the renderer below
    "django_htmx",
    "template_partials",
    "django_tasks",
    "cchc.core.vendor_apps.BackgroundJobsConfig",  # django_tasks_db, named in Vietnamese
    "ninja",
    "csp",
    "cchc.core",
    "cchc.org",
    "cchc.audit",
    "cchc.evidence",
    "cchc.documents",
    "cchc.notifications",
    "cchc.core.vendor_apps.SignInGuardConfig",  # axes
    "django_otp",
    "cchc.core.vendor_apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "cchc.core.vendor_apps.BackupCodesConfig",  # django_otp.plugins.otp_static
    "cchc.accounts",
    "cchc.plans",
    "cchc.importer",
    "cchc.workdays",
    "cchc.tracking",
    "cchc.dossiers",
    "cchc.indicators",
    "cchc.reports",
    "cchc.figures",
    "cchc.api",
    "cchc.basics",
    "cchc.parindex",
    "cchc.surveys",
    "cchc.feedback",
    "cchc.public",
    "cchc.index766",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cchc.core.compression.CompressTextMiddleware",  # gzip of pages and data (decision 0160)
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.core.language.SiteLanguageMiddleware",  # Vietnamese, whatever the browser asks
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cchc.accounts.sessions.SessionLimitsMiddleware",
    "cchc.accounts.two_step.TwoStepMiddleware",
    "cchc.accounts.reauth.ReauthMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cchc.core.busy.BusyDatabaseMiddleware",  # a locked database: "try again" (503), not a 500
    # last: turns a lockout flagged during authenticate() into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cchc.urls"

# The Vietnamese user guide the site serves at /huong-dan/ (cchc.basics.guide).
# It ships inside the package (package data), so an installed wheel serves it too.
GUIDE_DIR = Path(env_str("CCHC_GUIDE_DIR", str(BASE_DIR / "basics" / "huong-dan")))
WSGI_APPLICATION = "cchc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cchc.core.context_processors.site",
                "cchc.core.context_processors.menu",
                "cchc.notifications.context_processors.bell",
            ],
        },
    }
]

# Form widgets are drawn from the project's templates first, so a widget whose browser rendering
# speaks English is written once in cchc/templates/django/forms/widgets/ (the file chooser,
# decision 0154) and every form, the admin's included, uses it.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL, busy timeout, immediate transactions) by default; PostgreSQL by DATABASE_URL.
_default_db = f"sqlite:///{DATA_DIR / 'cchc.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", _default_db)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA cache_size=-64000;"
            "PRAGMA temp_store=MEMORY;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -------------------------------------------------------------------------------------
# Password rules (issue 17.3): length, Django's common-password list, not like the user's
# names, not a place name or familiar word with digits (cchc/core/validators.py). `cchc demo`
# sets the demo password "demo" without them; `cchc serve` refuses to run with it in production.
PASSWORD_MIN_LENGTH = env_int("CCHC_PASSWORD_MIN_LENGTH", 10)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "cchc.core.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "cchc.core.validators.LocalWordValidator"},
]
# Passwords are stored with Argon2id (Django's parameters: 100 MiB, 2 passes): memory-hard, and
# less than half the CPU of PBKDF2 at 1,000,000 rounds per login (decision 0097). Older PBKDF2
# hashes still sign in and are rewritten as Argon2id at that login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Login lockout (django-axes, cchc/accounts/lockout.py): a login is refused while the account
# has LOGIN_MAX_FAILURES failures, or the client address LOGIN_MAX_FAILURES_PER_ADDRESS, within
# LOGIN_WINDOW_SECONDS. The address is REMOTE_ADDR unless TRUSTED_PROXY_HEADER names the header
# our reverse proxy sets (e.g. X-Forwarded-For): never set it without such a proxy.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_MAX_FAILURES = env_int("CCHC_LOGIN_MAX_FAILURES", 5)
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("CCHC_LOGIN_MAX_FAILURES_PER_ADDRESS", 30)
LOGIN_WINDOW_SECONDS = env_int("CCHC_LOGIN_WINDOW_SECONDS", 900)
TRUSTED_PROXY_HEADER = env_str("CCHC_TRUSTED_PROXY_HEADER", "").strip()
AXES_HANDLER = "cchc.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = "cchc.accounts.lockout.account_limit"
AXES_COOLOFF_TIME = "cchc.accounts.lockout.lockout_window"
AXES_LOCKOUT_CALLABLE = "cchc.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "cchc.accounts.addresses.client_address"
AXES_RESET_ON_SUCCESS = False
AXES_DISABLE_ACCESS_LOG = True  # sign-ins and sign-outs are audit events (accounts/events.py)
AXES_ENABLE_ADMIN = False  # our admin (accounts/admin.py) unlocks with an audit event
AXES_VERBOSE = False
# A login lasts at most SESSION_COOKIE_AGE whatever the activity, and ends after
# SESSION_IDLE_SECONDS without a request (cchc/accounts/sessions.py).
SESSION_COOKIE_AGE = env_int("CCHC_SESSION_AGE_SECONDS", 8 * 3600)
SESSION_IDLE_SECONDS = env_int("CCHC_SESSION_IDLE_MINUTES", 30) * 60
# Role changes and deletions in the admin ask for the password again, valid this long.
REAUTH_SECONDS = env_int("CCHC_REAUTH_MINUTES", 10) * 60
# Accounts without a login for this many days are disabled by the daily job.
IDLE_ACCOUNT_DAYS = env_int("CCHC_IDLE_ACCOUNT_DAYS", 45)
# the day of the month on which the previous month's service index (766) is frozen and published
INDEX766_PUBLISH_DAY = min(max(env_int("CCHC_INDEX766_PUBLISH_DAY", 5), 1), 28)
# Two-step login (django-otp, cchc/accounts/two_step.py): required for administrators and
# upper-level roles when true (default: in production), offered to everyone.
TWO_STEP_REQUIRED = env_bool("CCHC_TWO_STEP_REQUIRED", PRODUCTION)
OTP_TOTP_ISSUER = env_str("CCHC_TWO_STEP_ISSUER", "CCHC")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("CCHC_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "cchc.core.views.csrf_failure"  # said in Vietnamese (decision 0175)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- HTTPS and security headers (docs/deploy.md) ---------------------------------------------
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto; trusted only when said,
# since a client could send the header itself to a server reached directly.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("CCHC_HTTPS_PROXY", PRODUCTION) else None
)
SECURE_SSL_REDIRECT = env_bool("CCHC_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("CCHC_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CCHC_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("CCHC_HSTS_PRELOAD", False)
# Preloading puts the whole domain in browsers' lists for good: the province's IT decides it for
# its domain (CCHC_HSTS_PRELOAD=true), so Django's reminder about it is not shown.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Scripts only from this site's own files: no inline script, no eval, nothing from elsewhere.
# Inline styles stay allowed (progress bars, chart sizes, htmx's indicator).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Language, time ---------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["cchc.formats"]

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("CCHC_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Uploaded evidence lives outside the web root and is served only through views that
        # check the user's scope; MEDIA_URL is deliberately not routed.
        "OPTIONS": {"location": str(DATA_DIR / "files")},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MAX_UPLOAD_MB = env_int("CCHC_MAX_UPLOAD_MB", 20)
# A request body (not a file upload) may be this large: an API batch of 10,000 dossiers is
# about 6 MB of JSON.
MAX_REQUEST_MB = env_int("CCHC_MAX_REQUEST_MB", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_MB * 1024 * 1024
# Dossier files (CSV/Excel) uploaded on the import page; the command line has no limit.
MAX_IMPORT_MB = env_int("CCHC_MAX_IMPORT_MB", 200)
API_MAX_BATCH = 10_000
# Limits that stop a small hostile file or request from tying the server up (issue 18).
# Unzipped size of a .docx (all parts) or of the parts of an .xlsx read into memory (not the
# sheets, which are streamed).
MAX_UNZIPPED_MB = env_int("CCHC_MAX_UNZIPPED_MB", 50)
# Paragraphs + table rows (or text lines) of a plan document.
MAX_DOCUMENT_BLOCKS = env_int("CCHC_MAX_DOCUMENT_BLOCKS", 5_000)
# Columns of a dossier or catalogue file's header.
MAX_COLUMNS = env_int("CCHC_MAX_COLUMNS", 200)
# A run of this many empty rows ends a dossier or catalogue table.
MAX_EMPTY_ROWS = env_int("CCHC_MAX_EMPTY_ROWS", 1_000)
# Calendar years an indicator window may span on the pages and the API.
MAX_WINDOW_YEARS = env_int("CCHC_MAX_WINDOW_YEARS", 5)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("CCHC_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("CCHC_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("CCHC_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("CCHC_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("CCHC_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CCHC_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("CCHC_EMAIL_FROM", "cchc@localhost")
# The address people open the site at, used for links in reminder emails.
SITE_URL = env_str("CCHC_SITE_URL", "http://127.0.0.1:8000")

# --- Background work --------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Logging ----------------------------------------------------------------------------------
# Logs go to the console (journald under systemd); with CCHC_LOG_DIR set, each command also
# writes <dir>/<command>.log, turned over at midnight and kept CCHC_LOG_RETENTION_DAYS days.
LOG_DIR = env_str("CCHC_LOG_DIR", "")
LOG_RETENTION_DAYS = env_int("CCHC_LOG_RETENTION_DAYS", 365)
if LOG_RETENTION_DAYS < 90:
    raise ImproperlyConfigured("CCHC_LOG_RETENTION_DAYS must be at least 90 (3 months)")
_log_handlers: dict[str, dict] = {
    "console": {"class": "logging.StreamHandler", "formatter": "plain"}
}
if LOG_DIR:
    Path(LOG_DIR).mkdir(parents=True, exist_ok=True)
    # The command's name (serve, worker, send-reminders …), so processes never share a file.
    _command = next((a for a in sys.argv[1:2] if re.fullmatch(r"[a-z][a-z0-9_-]{0,40}", a)), "cchc")
    _log_handlers["file"] = {
        "class": "logging.handlers.TimedRotatingFileHandler",
        "formatter": "plain",
        "filename": str(Path(LOG_DIR) / f"{_command.replace('-', '_')}.log"),
        "when": "midnight",
        "backupCount": LOG_RETENTION_DAYS,
        "encoding": "utf-8",
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": _log_handlers,
    "root": {"handlers": list(_log_handlers), "level": env_str("CCHC_LOG_LEVEL", "WARNING")},
    "loggers": {"cchc": {"level": env_str("CCHC_LOG_LEVEL", "INFO"), "propagate": True}},
}

# --- Satisfaction surveys ---------------------------------------------------------------------
# Key of the HMAC that keeps used dossier codes and, briefly, answering addresses (decision
# 0063). Defaults to a key derived from SECRET_KEY; changing it lets a code answer again.
SURVEY_KEY = (
    env_str("CCHC_SURVEY_KEY", "")
    or hashlib.sha256(("cchc-survey:" + SECRET_KEY).encode()).hexdigest()
)
# Answers accepted per address and per kiosk device in a minute (then refused for the minute).
SURVEY_RATE_PER_ADDRESS = env_int("CCHC_SURVEY_RATE_PER_ADDRESS", 20)
SURVEY_RATE_PER_DEVICE = env_int("CCHC_SURVEY_RATE_PER_DEVICE", 60)
# Seconds of inactivity after which a kiosk page returns to its empty form.
SURVEY_KIOSK_IDLE_SECONDS = env_int("CCHC_SURVEY_KIOSK_IDLE_SECONDS", 90)

# --- Citizens' feedback (PAKN) ---------------------------------------------------------------
# Legal deadlines in working days: answer after reception, publish the answer after answering.
FEEDBACK_ANSWER_DAYS = env_int("CCHC_FEEDBACK_ANSWER_DAYS", 15)
FEEDBACK_PUBLISH_DAYS = env_int("CCHC_FEEDBACK_PUBLISH_DAYS", 2)

# --- Public pages (/cong-khai/) ----------------------------------------------------------------
# Dossier lookups accepted per address in a minute (then refused with 429 for the minute), and
# how long a unit's public figures stay cached when no data changes (seconds).
PUBLIC_LOOKUPS_PER_MINUTE = env_int("CCHC_PUBLIC_LOOKUPS_PER_MINUTE", 10)
PUBLIC_CACHE_SECONDS = env_int("CCHC_PUBLIC_CACHE_SECONDS", 3600)
