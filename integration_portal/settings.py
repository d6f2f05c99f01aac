"""Settings for the Integrationsportal Magdeburg.

One module, configured by the environment (twelve-factor): a fresh checkout runs
with SQLite and DEBUG on; production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS
and DATABASE_URL (see docs/deployment.md).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin integration wins.
    "modeltranslation",
    # Django's admin with the Stabsstelle's start page ("Was ansteht") and sections.
    "integration_portal.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "csp",
    "axes",
    "django_ratelimit",
    "import_export",
    "concurrency",
    # Django's tasks API (the backport) and its database backend: mails to followers go out
    # through a queue outside the request, kept in the portal's own database (TASKS below).
    "django_tasks",
    "django_tasks_db",
    # The shared mechanisms first: the content apps build on them.
    "core",
    "integration_portal",
    "handlungsfelder",
    "netzwerk",
    "massnahmen",
    "beteiligung",
    "leichte_sprache",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Wraps everything below, so a cached page is whole (headers included) and cheap; it also
    # answers If-None-Match (304) before anything below runs, and sets Cache-Control on every
    # response of the views: public for anonymous public pages, private and no-store otherwise.
    "core.page_cache.AnonymousPageCacheMiddleware",
    # Below the page cache, so the cache keeps pages compressed once (a plain copy for clients
    # without gzip) instead of compressing every hit. Django's gzip pads each response with
    # random bytes against BREACH, and makes strong ETags weak (ours are weak already). PDFs
    # are left as they are (core/compression.py).
    "core.compression.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a request over its rate (core/limits.py) into the 429 page, in the reader's language.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Login throttling (django-axes) checks first, then the ordinary accounts.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "integration_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "integration_portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "integration_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------
# German is the binding source; every other language is a translation of it.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("fa", "فارسی"),
    ("tr", "Türkçe"),
]
LANGUAGES_BIDI = ["ar", "fa"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
# The admin edits German in the plain field; translations are filled in later.
MODELTRANSLATION_AUTO_POPULATE = False

# Spreadsheet import and export of measures (django-import-export) need the model's permissions:
# without these settings any staff account (a translator's too) could import and export.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# --- Static files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed by npm from package-lock.json (make installs it); never copied by hand.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist" / "css"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Caches ----------------------------------------------------------------
# PDFs are cached on disk so that every gunicorn worker shares them.
CACHES = {
    # Local memory by default; Redis when CACHE_URL says so (redis://host:6379/0), shared by all workers.
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"]}
        if os.environ.get("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal",
              "OPTIONS": {"MAX_ENTRIES": 5000}}
    ),
    "pdf": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PDF_CACHE_DIR", str(BASE_DIR / "var" / "pdf-cache")),
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

PAGE_CACHE_ALIAS = "default"
# Anonymous public pages are cached under the content stamp; 0 switches the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# How long a worker trusts its last reading of the content stamp (other workers' changes show
# after at most this long; the worker that made a change sees it at once). 0: read every time.
PAGE_CACHE_STAMP_SECONDS = float(os.environ.get("PAGE_CACHE_STAMP_SECONDS", "1"))
# How long a proxy in front or a browser may use a public page without asking again
# (Cache-Control: public, max-age=…); asking again is cheap, a 304 before any rendering. A change
# must show within a minute: nginx sends no Age header, so a browser behind it counts its own
# max-age from when it got the proxy's copy, and the two add up: 2 × 25 s + the stamp's 1 s.
HTTP_CACHE_SECONDS = int(os.environ.get("HTTP_CACHE_SECONDS", "25"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Content ---------------------------------------------------------------
# Source documents of the integration concept and the editorial data that maps them.
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))

# --- Accounts, e-mail, partner workspace -----------------------------------
LOGIN_URL = "netzwerk:login"
LOGIN_REDIRECT_URL = "massnahmen:workspace"
LOGOUT_REDIRECT_URL = "portal:start"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link is valid for one day
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "7"))
REMINDER_STALE_DAYS = int(os.environ.get("REMINDER_STALE_DAYS", "90"))

# Repeated failed logins lock the combination of account and address for a while.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "netzwerk/account/locked_out.html"
# Limits on anonymous work per client (django-ratelimit, core/limits.py): forms that mail
# someone, and report PDFs that have to be rendered because no one asked for them before.
RATELIMITS = {
    "barrier_report": os.environ.get("RATELIMIT_BARRIER_REPORT", "5/h"),
    "password_reset": os.environ.get("RATELIMIT_PASSWORD_RESET", "5/h"),
    "invitation": os.environ.get("RATELIMIT_INVITATION", "10/h"),
    "report_pdf": os.environ.get("RATELIMIT_REPORT_PDF", "6/m"),
    # Each follow request mails a confirmation to the address given.
    "follow": os.environ.get("RATELIMIT_FOLLOW", "10/h"),
    # Challenges and ideas sent in (beteiligung): stored for staff to read, so a few per hour.
    "beteiligung_entry": os.environ.get("RATELIMIT_BETEILIGUNG_ENTRY", "5/h"),
}
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "integration_portal.views.too_many_requests"
if not os.environ.get("CACHE_URL"):
    # Without Redis the counts live in each worker's memory (LocMemCache, atomic within a
    # worker), so a client may reach the rate once per worker: with 2 workers, twice the rate.
    # That is the documented trade-off of a deployment without Redis (docs/security.md).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
else:
    # Django's own RedisCache counts with Redis' atomic INCR; django-ratelimit only lists the
    # third-party Redis backend as known.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if os.environ.get("AXES_PROXY_COUNT"):  # behind N reverse proxies: take the client address from X-Forwarded-For
    AXES_IPWARE_PROXY_COUNT = int(os.environ["AXES_PROXY_COUNT"])

# Every mail is recorded in the admin's mail log (core.mail.LoggingBackend), then delivered by
# PORTAL_EMAIL_BACKEND: SMTP when a server is configured; otherwise files in EMAIL_FILE_PATH
# (`make run`: var/mail/, one file per mail) or the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
EMAIL_BACKEND = "core.mail.LoggingBackend"
PORTAL_EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend" if EMAIL_FILE_PATH
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Integrationsportal Magdeburg <integration@magdeburg.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Stabsstelle", address) for address in env_list("ADMIN_EMAILS")]
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# --- Background tasks ------------------------------------------------------
# Django's tasks API (django-tasks backport). The database backend keeps the queue in the
# portal's database, so the embedded default needs no extra server; `manage.py db_worker` runs
# the tasks (`make run` starts one beside runserver; docs/deployment.md for production).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# How often a mail to a follower is tried when the mail server refuses it, and the first wait;
# each further wait doubles (beteiligung/tasks.py).
FOLLOW_MAIL_ATTEMPTS = int(os.environ.get("FOLLOW_MAIL_ATTEMPTS", "5"))
FOLLOW_MAIL_RETRY_SECONDS = int(os.environ.get("FOLLOW_MAIL_RETRY_SECONDS", "60"))

# --- Retention of personal data (docs/datenschutz.md; `manage.py apply_retention`) ---------
# A follow request not confirmed within this many days is deleted (and its link expires).
FOLLOW_CONFIRM_DAYS = int(os.environ.get("FOLLOW_CONFIRM_DAYS", "7"))
# The mail log (recipients' addresses) and finished background tasks are kept this long.
MAIL_LOG_DAYS = int(os.environ.get("MAIL_LOG_DAYS", "180"))
TASK_RESULT_DAYS = int(os.environ.get("TASK_RESULT_DAYS", "30"))
# django-axes' records of logins and failed logins (username, address, browser).
LOGIN_RECORD_DAYS = int(os.environ.get("LOGIN_RECORD_DAYS", "90"))

# --- Security --------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp): no inline or third-party scripts anywhere. Inline
# styles stay allowed for the Django admin's templates; public pages use none.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

ADMIN_SITE_HEADER = _("Integrationsportal Magdeburg – Verwaltung")
