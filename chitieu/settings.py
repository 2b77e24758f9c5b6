"""Settings for chitieu, all read from environment variables and checked at start-up.

Each variable is documented once, here (docs/operations.md says how to deploy with them):

CHITIEU_DEMO            "1" for the local demo: placeholder secret, relaxed cookies (never DEBUG).
CHITIEU_SECRET_KEY      required outside demo mode; a placeholder value is refused.
CHITIEU_EPHEMERAL_SECRET "1" (set by the `chitieu` command for terminal commands that serve
                        no pages): without a secret key, use a random one for this process.
CHITIEU_DATABASE_URL    e.g. postgres://user:pw@127.0.0.1:5432/chitieu; default: SQLite file
                        var/chitieu.sqlite3 in the checkout.
CHITIEU_REPORT_DEADLINE when a period's figures are due at city level: "20" the 20th of the
                        period's last month, "+20" 20 days after the period ends (default +20).
CHITIEU_REPORT_LEAD_DAYS days each level reports before the city, by unit kind
                        (default "commune=5,ward=5,special_zone=5": communes 5 days earlier).
CHITIEU_REMIND_DAYS     reminders go out from this many days before a deadline until as many
                        after it, once per deadline and person (default 7).
CHITIEU_EMAIL_HOST      SMTP server for reminders; CHITIEU_EMAIL_PORT (25), CHITIEU_EMAIL_USER,
                        CHITIEU_EMAIL_PASSWORD, CHITIEU_EMAIL_TLS ("1": STARTTLS),
                        CHITIEU_EMAIL_FROM (sender). Without a host the demo writes its mails
                        to var/mail, and elsewhere they go to localhost:25.
CHITIEU_ALLOWED_HOSTS   comma-separated host names; demo default: 127.0.0.1,localhost.
CHITIEU_CSRF_TRUSTED_ORIGINS  comma-separated origins behind a proxy.
CHITIEU_SESSION_MINUTES idle session timeout, default 30.
CHITIEU_ISSUER_PARENT   first line of the issuing body in documents ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG").
CHITIEU_ISSUER          the issuing body ("THÀNH ỦY").
CHITIEU_PLACE           place name in document dates ("Hải Phòng").
CHITIEU_SIGNER_TITLE    title in the reports' signature block, default "BÍ THƯ".
CHITIEU_SIGNER_NAME     name under the signature, default empty (the office fills it in).
CHITIEU_PROVINCE_CODE   province code in the vietnam-provinces package (31 = Hải Phòng).
CHITIEU_MEDIA_ROOT      where evidence files are stored; default var/media.
CHITIEU_STATIC_ROOT     where `chitieu collectstatic` puts the front-end files; default staticfiles/.
CHITIEU_MAX_UPLOAD_MB   largest accepted upload (evidence, documents, workbooks), default 20;
                        a request body larger than this (plus 1 MB of form) is refused with 413.
CHITIEU_MAX_TEXT_KB     longest text the reader reads (pasted or from a file), default 1024:
                        1 MB of real reports reads in about 2 s, of pathological text in 11 s.
CHITIEU_LOGIN_FAILURE_LIMIT  failed logins before a user name is locked for 15 minutes at
                        one client address (django-axes), default 5.
CHITIEU_ADDRESS_FAILURE_LIMIT  failed logins from one client address, whatever the user
                        names, before the address is locked for 15 minutes, default 50.
CHITIEU_TRUSTED_PROXIES comma-separated addresses or networks of the reverse proxies in front
                        (e.g. 127.0.0.1); only a connection from one of them has its client
                        address read from X-Forwarded-For. Default: none (the connection's).
CHITIEU_AXES_ENABLED    "0" turns login throttling off (only for tests of other things).
CHITIEU_SSL_REDIRECT    "1" redirects plain HTTP to HTTPS when no proxy does it.
CHITIEU_LOG_LEVEL       root log level, default WARNING.
CHITIEU_REVIEW_CACHE_SECONDS  how long an evaluated review is kept while its data stay the
                        same (default 600; 0 turns it off; the test suite defaults to 0).
CHITIEU_JOB_INLINE_KB   pasted texts and uploads smaller than this (default 64) are read or
                        imported in the request; larger ones, and every PDF report, run as
                        jobs on the worker (`chitieu db_worker`, docs/operations.md).
CHITIEU_TESTING         "1" in the test suite (tests/settings.py): placeholder secret, fast hashing.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from chitieu.core.deadlines import DeadlineRule, RuleError

BASE_DIR = Path(__file__).resolve().parent.parent
PLACEHOLDER_SECRET = "chitieu-demo-only-not-secret"


def envbool(name: str, default: bool) -> bool:
    """Return the boolean in env var `name`; refuse anything but 1/0/true/false/yes/no."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: chỉ nhận 1/0, true/false, yes/no")


def envlist(name: str, default: str) -> list[str]:
    return [x.strip() for x in os.environ.get(name, default).split(",") if x.strip()]


DEMO = envbool("CHITIEU_DEMO", False)
TESTING = envbool("CHITIEU_TESTING", False)
# No debug pages in any mode: Django's debug page lists every address and setting in English.
# Errors are the Vietnamese pages of chitieu.web.errors, in the demo and the tests too.
DEBUG = False
if "CHITIEU_DEBUG" in os.environ:
    raise ImproperlyConfigured("CHITIEU_DEBUG không còn được dùng: chitieu không chạy chế độ DEBUG ở bất kỳ chế độ nào.")

SECRET_KEY = os.environ.get("CHITIEU_SECRET_KEY", "")
if not SECRET_KEY:
    if DEMO or TESTING:
        SECRET_KEY = PLACEHOLDER_SECRET
    elif envbool("CHITIEU_EPHEMERAL_SECRET", False):
        # Terminal commands sign nothing that outlives the process (see chitieu/__main__.py).
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        raise ImproperlyConfigured(
            "CHITIEU_SECRET_KEY chưa được đặt. Đặt một khóa bí mật dài, ngẫu nhiên, "
            "hoặc CHITIEU_DEMO=1 để chạy bản trình diễn trên máy cá nhân."
        )
elif SECRET_KEY == PLACEHOLDER_SECRET and not (DEMO or TESTING):
    raise ImproperlyConfigured("CHITIEU_SECRET_KEY đang là khóa mẫu của bản trình diễn; hãy thay.")

ALLOWED_HOSTS = envlist(
    "CHITIEU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if (DEMO or TESTING) else ""
)
CSRF_TRUSTED_ORIGINS = envlist("CHITIEU_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "chitieu.org",
    "chitieu.plans",
    "chitieu.monitoring",
    "chitieu.tasks",
    "chitieu.reminders",
    "chitieu.reading",
    "chitieu.reports",
    "chitieu.web",
    "chitieu.api",
    "chitieu.demo",
    "chitieu.jobs",
    # Django's Tasks framework (backport) and its database queue: `chitieu db_worker`.
    "django_tasks",
    "django_tasks_db",
    # django-ninja as an app so its docs page uses the bundled Swagger UI, not a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "chitieu.edge.Edge",  # request size, text and numbers at the edge; database outages
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # The one HTML error path: domain errors to a Vietnamese page or HTMX fragment.
    "chitieu.web.errors.DomainErrorMiddleware",
    # AxesMiddleware must be last: it turns lock-outs into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "chitieu.urls"
CSRF_FAILURE_VIEW = "chitieu.web.errors.csrf_failure"  # Vietnamese, never Django's English page
WSGI_APPLICATION = "chitieu.wsgi.application"

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
                "chitieu.web.context.chrome",
            ],
        },
    },
]

_default_db = f"sqlite:///{BASE_DIR / 'var' / 'chitieu.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("CHITIEU_DATABASE_URL", _default_db), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # A longer busy timeout lets concurrent demo requests wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Write transactions take the lock when they begin: a deferred one that later upgrades
    # from reading to writing fails at once ("database is locked") when another writer holds
    # it, whatever the timeout; seen with 20 concurrent clients in bench/web.py.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles a review's few large grouped queries for longer than they run
    # (0.5 s of compiling for a 0.05 s query in bench/evaluate.py): off for this workload.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

# Reviews are kept until the data behind them changes (chitieu/monitoring/review_cache.py).
REVIEW_CACHE_SECONDS = int(os.environ.get("CHITIEU_REVIEW_CACHE_SECONDS", "0" if TESTING else "600"))

# Long work runs as jobs (chitieu/jobs): queued in the database, run by `chitieu db_worker`.
# The test suite runs them at once in the asking process (the library's immediate backend).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend" if TESTING
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Inputs smaller than this are handled in the request (about 1 s of reading); the one threshold.
JOB_INLINE_BYTES = int(os.environ.get("CHITIEU_JOB_INLINE_KB", "64")) * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: new and re-saved passwords are hashed with it.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Hashing dominates test time; tests of hashing itself set the hasher explicitly.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes, chitieu/org/throttle.py): a user name at one client address
# after 5 failures, an address after 50; the client address from a trusted proxy only.
AXES_FAILURE_LIMIT = int(os.environ.get("CHITIEU_LOGIN_FAILURE_LIMIT", "5"))
ADDRESS_FAILURE_LIMIT = int(os.environ.get("CHITIEU_ADDRESS_FAILURE_LIMIT", "50"))
TRUSTED_PROXIES = envlist("CHITIEU_TRUSTED_PROXIES", "")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"CHITIEU_TRUSTED_PROXIES: «{_proxy}» không phải địa chỉ IP hay dải mạng") from None
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "chitieu.org.throttle.Handler"
AXES_CLIENT_IP_CALLABLE = "chitieu.org.throttle.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("CHITIEU_AXES_ENABLED", True)
AXES_LOCKOUT_TEMPLATE = "web/locked.html"  # Vietnamese lock-out page

SESSION_COOKIE_AGE = int(os.environ.get("CHITIEU_SESSION_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout rather than absolute
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie

SECURE = not (DEMO or TESTING)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_SSL_REDIRECT = envbool("CHITIEU_SSL_REDIRECT", False)
X_FRAME_OPTIONS = "DENY"

LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/dang-nhap/"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("CHITIEU_STATIC_ROOT", BASE_DIR / "staticfiles"))
try:  # whitenoise warns on every start when the folder `collectstatic` fills is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
except OSError:
    pass  # a read-only deployment ran collectstatic at build time
_node = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/echarts", _node / "echarts" / "dist"),
    ("vendor/htmx", _node / "htmx.org" / "dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # the demo serves straight from the finders, no collectstatic

MEDIA_ROOT = Path(os.environ.get("CHITIEU_MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
MAX_UPLOAD_MB = int(os.environ.get("CHITIEU_MAX_UPLOAD_MB", "20"))
MAX_TEXT_KB = int(os.environ.get("CHITIEU_MAX_TEXT_KB", "1024"))
MAX_READING_ITEMS = 5000  # items of one reading: 5.000 are stored in about 4 s
# The reporting calendar (chitieu.core.deadlines): the one rule for due dates and reminders.
try:
    REPORT_CALENDAR = DeadlineRule.parse(
        os.environ.get("CHITIEU_REPORT_DEADLINE", "+20"),
        os.environ.get("CHITIEU_REPORT_LEAD_DAYS", "commune=5,ward=5,special_zone=5"),
        os.environ.get("CHITIEU_REMIND_DAYS", "7"),
    )
except RuleError as _exc:
    raise ImproperlyConfigured(str(_exc)) from None

# Mail (reminders) through Django's SMTP backend.
EMAIL_HOST = os.environ.get("CHITIEU_EMAIL_HOST", "")
if not EMAIL_HOST and DEMO:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(BASE_DIR / "var" / "mail")
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = int(os.environ.get("CHITIEU_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CHITIEU_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CHITIEU_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("CHITIEU_EMAIL_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("CHITIEU_EMAIL_FROM", "chitieu <chitieu@localhost>")
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Documents: the issuing body and place come from here, never from code.
CHITIEU_ISSUER_PARENT = os.environ.get("CHITIEU_ISSUER_PARENT", "ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG")
CHITIEU_ISSUER = os.environ.get("CHITIEU_ISSUER", "THÀNH ỦY")
CHITIEU_PLACE = os.environ.get("CHITIEU_PLACE", "Hải Phòng")
CHITIEU_SIGNER_TITLE = os.environ.get("CHITIEU_SIGNER_TITLE", "BÍ THƯ")
CHITIEU_SIGNER_NAME = os.environ.get("CHITIEU_SIGNER_NAME", "")
CHITIEU_PROVINCE_CODE = int(os.environ.get("CHITIEU_PROVINCE_CODE", "31"))

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CHITIEU_LOG_LEVEL", "WARNING")},
}
