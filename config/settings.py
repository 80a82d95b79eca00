"""Cascade settings: everything comes from the environment.

With no variables set, Cascade runs embedded: a SQLite file in the project, the cache
in local memory and Celery tasks run in-process. DATABASE_URL and REDIS_URL switch it
to PostgreSQL and Redis (broker, result backend and cache) with real workers.
"""

import os
import re
import tempfile
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = env_str("SECRET_KEY", "cascade-insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "mptt",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "core",
    "accounts",
    "goals",
    "assumptions",
    "demo",
    "dashboard",
    "notifications",
    "workshop",
    "cabinet",
    "territories",
    "simple_history",
    "audit",
]

MIDDLEWARE = [
    "core.middleware.ClientGoneMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.StateConflictMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "core.context_processors.navigation",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0), conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so two writers queue
    # instead of failing with "database is locked" when one upgrades its read lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file of their own (per process: pytest-xdist's workers each make one), not SQLite's
    # shared in-memory database: the live server behind the browser tests would share that one
    # connection between the test's thread and its request threads, and two threads on one SQLite
    # connection can deadlock (CI hung on it). With a file, every thread has its own connection.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"cascade-tests-{os.getpid()}.sqlite3"),
    }
# A PostgreSQL read replica for the read-heavy lists (core/db_router.py). Without one, the
# "replica" alias is the primary and the router sends nothing there; tests mirror it.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
READ_REPLICA = bool(DATABASE_REPLICA_URL)
DATABASES["replica"] = {
    **(
        dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0), conn_health_checks=True)
        if DATABASE_REPLICA_URL
        else DATABASES["default"]
    ),
    "TEST": {"MIRROR": "default"},
}
DATABASE_ROUTERS = ["core.db_router.ReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # A Redis outage makes the cache miss (core/cache.py), after half a second at most, never a 500.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cascade"}}

# Sessions read from the cache first (one Redis read instead of a database query per request).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died (killed whole, out of memory) is handed to another worker once this
# many seconds have passed since it was taken: Redis's default of an hour left work waiting that
# long. It must stay above the longest task, or a running task is started twice; the hard time
# limit guarantees that (the longest, a 50,000-row goal import, takes about a minute; docs/operations.md).
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 900)}
if CELERY_TASK_TIME_LIMIT < 60:
    raise ImproperlyConfigured(f"CELERY_TASK_TIME_LIMIT={CELERY_TASK_TIME_LIMIT} seconds: use 60 or more")
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        f"CELERY_VISIBILITY_TIMEOUT={CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout']} must be above "
        f"CELERY_TASK_TIME_LIMIT={CELERY_TASK_TIME_LIMIT}: a task still running would be handed to a second worker."
    )
CELERY_BEAT_SCHEDULE = {
    "recompute-rollups-nightly": {
        "task": "goals.tasks.recompute_open_cycle_rollups",
        "schedule": crontab(hour=3, minute=15),
    },
    # Room for sub-goals under every goal (goals/room.py), so the day's drafts move no other goal.
    "make-room-nightly": {
        "task": "goals.tasks.make_room_in_open_cycles",
        "schedule": crontab(hour=3, minute=45),
    },
}
CELERY_TIMEZONE = "UTC"

# The alignment scan: every cycle in play on the beat, and a rescan shortly after goals change.
ALIGNMENT_SCAN_INTERVAL = env_int("ALIGNMENT_SCAN_INTERVAL", 3600)  # seconds between scans on the beat
ALIGNMENT_RESCAN_DELAY = env_int("ALIGNMENT_RESCAN_DELAY", 30)  # seconds changes gather before a rescan
if ALIGNMENT_SCAN_INTERVAL < 60:
    raise ImproperlyConfigured(f"ALIGNMENT_SCAN_INTERVAL={ALIGNMENT_SCAN_INTERVAL} seconds: use 60 or more")
if ALIGNMENT_RESCAN_DELAY < 0:
    raise ImproperlyConfigured(f"ALIGNMENT_RESCAN_DELAY={ALIGNMENT_RESCAN_DELAY} seconds cannot be negative")
CELERY_BEAT_SCHEDULE["scan-alignment"] = {
    "task": "goals.tasks.scan_open_cycles",
    "schedule": timedelta(seconds=ALIGNMENT_SCAN_INTERVAL),
}

# Check-in reminders: daily, at this hour (UTC), on the beat.
CHECKIN_REMINDER_HOUR = env_int("CHECKIN_REMINDER_HOUR", 8)
if not 0 <= CHECKIN_REMINDER_HOUR <= 23:
    raise ImproperlyConfigured(f"CHECKIN_REMINDER_HOUR={CHECKIN_REMINDER_HOUR}: use an hour from 0 to 23")
CELERY_BEAT_SCHEDULE["checkin-reminders"] = {
    "task": "notifications.tasks.send_checkin_reminders_task",
    "schedule": crontab(hour=CHECKIN_REMINDER_HOUR, minute=0),
}

# The Shadow Cabinet: the strategy room's daily progress snapshots and action item reminders.
STRATEGY_SNAPSHOT_HOUR = env_int("STRATEGY_SNAPSHOT_HOUR", 23)
if not 0 <= STRATEGY_SNAPSHOT_HOUR <= 23:
    raise ImproperlyConfigured(f"STRATEGY_SNAPSHOT_HOUR={STRATEGY_SNAPSHOT_HOUR}: use an hour from 0 to 23")
CELERY_BEAT_SCHEDULE["strategy-room-snapshots"] = {
    "task": "cabinet.tasks.take_progress_snapshots_task",
    "schedule": crontab(hour=STRATEGY_SNAPSHOT_HOUR, minute=50),
}
CELERY_BEAT_SCHEDULE["cabinet-action-item-reminders"] = {
    "task": "cabinet.tasks.remind_action_items_task",
    "schedule": crontab(hour=CHECKIN_REMINDER_HOUR, minute=5),
}
# Territory plans: the quarterly plan check, looked for daily (a plan is asked once per quarter).
CELERY_BEAT_SCHEDULE["territory-plan-checks"] = {
    "task": "territories.tasks.request_plan_checks_task",
    "schedule": crontab(hour=CHECKIN_REMINDER_HOUR, minute=30),
}

# --- People and sign-in ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# Argon2id first (Django's documented recommendation, memory-hard, at Django's own parameters): it
# verifies a password in about half the wall time of PBKDF2's million iterations on two cores, and
# is no weaker. Passwords stored with the others still work and are rehashed at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cascade <cascade@localhost>")

# --- Internationalisation, static files -----------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Serve straight from the app folders when collectstatic has not run (embedded mode);
# WhiteNoise then finds no STATIC_ROOT, which is expected there.
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", False)
if WHITENOISE_USE_FINDERS:
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- REST API (API.md) ----------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first, so an anonymous request is told how to authenticate (401, not 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.CascadePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cascade API",
    "DESCRIPTION": (
        "Goal cascading, strategy assumptions and alignment flags for a sales organisation. "
        "Authenticate with a session or `Authorization: Token <token>` (POST /api/auth/token/). "
        "Lists are paginated with ?page= and ?page_size= (at most 500). Errors: 400 names each "
        "refused field, 401/403 for authentication and permission, 404 for what does not exist or "
        "may not be seen, 409 for a state conflict."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc come from drf-spectacular-sidecar's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "status" or "confidence" with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "GoalStatusEnum": "goals.models.Status",
        "CheckInConfidenceEnum": "goals.models.Confidence",
        "AssumptionStatusEnum": "assumptions.models.AssumptionStatus",
        "AssumptionConfidenceEnum": "assumptions.models.Confidence",
        "ChallengeStatusEnum": "assumptions.models.ChallengeStatus",
        "ChallengeAnswerEnum": "assumptions.api.serializers.CHALLENGE_ANSWERS",
        "ChangeRequestStatusEnum": "assumptions.models.ChangeRequestStatus",
        "SeatStatusEnum": "cabinet.models.SeatStatus",
        "AgendaKindEnum": "cabinet.models.AgendaKind",
        "TerritoryPlanStatusEnum": "territories.models.PlanStatus",
        "PlanVersionOutcomeEnum": "territories.models.VersionOutcome",
        "PlanReviewKindEnum": "territories.models.ReviewKind",
        "PlanCheckOutcomeEnum": "territories.models.CheckOutcome",
        "AccountStageEnum": "territories.models.AccountStage",
        "GoalScoreOutcomeEnum": "goals.models.Outcome",
    },
}

# --- Metric feeds and chat (integrations/, notifications/chat.py) --------------------
INSTALLED_APPS.append("integrations")
# Fernet keys that encrypt stored secrets (CRM credentials, webhook secrets, chat webhook URLs):
# the first encrypts, all decrypt. Unset: one key derived from SECRET_KEY (core/encryption.py).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", [])
# CRM credentials from the environment, used by feeds that pick no stored connection.
SALESFORCE_INSTANCE_URL = env_str("SALESFORCE_INSTANCE_URL")
SALESFORCE_ACCESS_TOKEN = env_str("SALESFORCE_ACCESS_TOKEN")
SALESFORCE_CLIENT_ID = env_str("SALESFORCE_CLIENT_ID")
SALESFORCE_CLIENT_SECRET = env_str("SALESFORCE_CLIENT_SECRET")
SALESFORCE_API_VERSION = env_str("SALESFORCE_API_VERSION", "62.0")
HUBSPOT_ACCESS_TOKEN = env_str("HUBSPOT_ACCESS_TOKEN")
HUBSPOT_API_URL = env_str("HUBSPOT_API_URL", "https://api.hubapi.com")
FEED_FETCH_TICK = env_int("FEED_FETCH_TICK", 60)  # seconds between the beat's looks for feeds due
FEED_FETCH_TIMEOUT = env_int("FEED_FETCH_TIMEOUT", 20)  # seconds a CRM call may take
FEED_FAILING_AFTER = env_int("FEED_FAILING_AFTER", 3)  # failures in a row before a feed_failing flag
FEED_RETRY_MAX_MINUTES = env_int("FEED_RETRY_MAX_MINUTES", 360)  # the longest back-off between retries
FEED_WEBHOOK_TOLERANCE = env_int("FEED_WEBHOOK_TOLERANCE", 300)  # seconds a signed push stays valid
CHAT_TIMEOUT = env_int("CHAT_TIMEOUT", 5)  # seconds a Slack or Teams webhook may take
for _name, _value, _least in (
    ("FEED_FETCH_TICK", FEED_FETCH_TICK, 10),
    ("FEED_FETCH_TIMEOUT", FEED_FETCH_TIMEOUT, 1),
    ("FEED_FAILING_AFTER", FEED_FAILING_AFTER, 1),
    ("FEED_RETRY_MAX_MINUTES", FEED_RETRY_MAX_MINUTES, 1),
    ("FEED_WEBHOOK_TOLERANCE", FEED_WEBHOOK_TOLERANCE, 10),
    ("CHAT_TIMEOUT", CHAT_TIMEOUT, 1),
):
    if _value < _least:
        raise ImproperlyConfigured(f"{_name}={_value}: use {_least} or more")
CELERY_BEAT_SCHEDULE["fetch-metric-feeds"] = {
    "task": "integrations.tasks.fetch_due_feeds_task",
    "schedule": timedelta(seconds=FEED_FETCH_TICK),
}
CELERY_BEAT_SCHEDULE["record-pending-feed-readings"] = {
    "task": "integrations.tasks.record_pending_readings_task",
    "schedule": timedelta(minutes=5),
}
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] |= {
    "MetricFeedKindEnum": "integrations.models.FeedKind",
    "CrmProviderEnum": "integrations.models.Provider",
    "FeedReadingStateEnum": "integrations.models.ReadingState",
}
# Chat notifications: webhooks may only point at these hosts (shell-style patterns), and a
# Slack app's bot token talks to this API address.
CHAT_WEBHOOK_HOSTS = env_list(
    "CHAT_WEBHOOK_HOSTS",
    ["hooks.slack.com", "*.webhook.office.com", "*.logic.azure.com", "*.environment.api.powerplatform.com"],
)
SLACK_API_URL = env_str("SLACK_API_URL", "https://slack.com/api/")
CELERY_BEAT_SCHEDULE["post-pending-chat"] = {
    "task": "notifications.tasks.post_pending_chat_task",
    "schedule": timedelta(minutes=5),
}

# --- Serving under load (issue 14; gunicorn.conf.py) ------------------------------------
# A request that waited in a proxy's queue longer than this many seconds (X-Request-Start) is
# answered 503 at once instead of being worked on for a client that has most likely left; 0: off.
REQUEST_QUEUE_TIMEOUT = env_int("REQUEST_QUEUE_TIMEOUT", 30)

# --- Safe deletion and the audit trail (issue 13) ------------------------------------------
# How long the person who deleted a goal (or a comment) may undo it; admins restore any time.
DELETION_UNDO_MINUTES = env_int("DELETION_UNDO_MINUTES", 30)
# A CSV import of more rows than this runs as a job on a worker (progress shown, 202 from the API);
# smaller ones import within the request. About 2,000 rows take a few seconds, far from gunicorn's 30 s.
IMPORT_SYNC_MAX_ROWS = env_int("IMPORT_SYNC_MAX_ROWS", 2000)

# Skip requests whose client closed the connection while they waited (gunicorn only); off to measure it.
CLIENT_GONE_CHECK = env_bool("CLIENT_GONE_CHECK", True)

# --- Reliability (issue 13): work survives a broker outage, API errors are JSON -----------------
# The outbox (core.outbox): the beat publishes what a broker outage left behind every this many seconds.
OUTBOX_DRAIN_INTERVAL = env_int("OUTBOX_DRAIN_INTERVAL", 30)
if OUTBOX_DRAIN_INTERVAL < 1:
    raise ImproperlyConfigured(f"OUTBOX_DRAIN_INTERVAL={OUTBOX_DRAIN_INTERVAL} seconds: use 1 or more")
CELERY_BEAT_SCHEDULE["drain-outbox"] = {
    "task": "core.tasks.drain_outbox",
    "schedule": timedelta(seconds=OUTBOX_DRAIN_INTERVAL),
}
# Errors under /api/ that no view produced (an unknown path, a crash) are JSON too (core.api.middleware);
# a JSON body nested too deeply to read is a 400 (core.api.parsers).
MIDDLEWARE.insert(
    MIDDLEWARE.index("core.middleware.ClientGoneMiddleware") + 1, "core.api.middleware.ApiErrorMiddleware"
)
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "core.api.parsers.JSONParser",
    "rest_framework.parsers.FormParser",
    "rest_framework.parsers.MultiPartParser",
]

# --- Trust: deployment security, sign-in protection, API tokens (issue 13) ------------------
# The public development key (above, and docker-compose's placeholder) may only sign sessions on
# a developer's machine: with DEBUG off, start-up stops instead of serving forgeable cookies.
INSECURE_SECRET_KEYS = {"", "cascade-insecure-development-key-change-me", "change-me-in-production"}
if not DEBUG and SECRET_KEY in INSECURE_SECRET_KEYS:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set (or is the public development key) while DEBUG is false. Set SECRET_KEY to a long "
        "random value, e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(50))'; `python3 dev.py demo` "
        "makes one for you, and DEBUG=true accepts the development key on your own machine."
    )
# HTTPS: off for the embedded default (http://127.0.0.1), switched on by production's environment.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a proxy that ends TLS, its X-Forwarded-Proto says the request came over HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SECURE_PROXY_SSL_HEADER", False) else None
SECURE_REFERRER_POLICY = "same-origin"
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured(f"SECURE_HSTS_SECONDS={SECURE_HSTS_SECONDS} cannot be negative")

# Content-Security-Policy (django-csp): scripts only from our own static files, plus inline scripts
# that carry the request's nonce ({{ request.csp_nonce }}; django-htmx reads csp_nonce). Styles allow
# 'unsafe-inline' because progress bars and tree indents are style attributes with computed widths
# and Redoc injects its own <style> tags; a style cannot run code. Redoc renders in a blob: worker.
INSTALLED_APPS.append("csp")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
TEMPLATES[0]["OPTIONS"]["context_processors"].append("config.context_processors.csp_nonce")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:"],
        "font-src": [csp.SELF, "data:"],
        "connect-src": [csp.SELF],
        "worker-src": [csp.SELF, "blob:"],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    },
}

# Brute force: failed sign-ins (the login form, the admin's and the token endpoint) are counted in
# the cache per username and per client address; after SIGNIN_LOCKOUT_FAILURES within
# SIGNIN_LOCKOUT_MINUTES that account (or address) is refused until the window has passed.
SIGNIN_LOCKOUT_FAILURES = env_int("SIGNIN_LOCKOUT_FAILURES", 5)
SIGNIN_LOCKOUT_ADDRESS_FAILURES = env_int("SIGNIN_LOCKOUT_ADDRESS_FAILURES", 20)
SIGNIN_LOCKOUT_MINUTES = env_int("SIGNIN_LOCKOUT_MINUTES", 15)
# DRF throttles (scoped, per client address for the token endpoint, per person for the API).
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = ["accounts.api.throttles.ApiUserRateThrottle"]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "api": env_str("API_THROTTLE_RATE", "10000/hour"),
    "token": env_str("API_TOKEN_THROTTLE_RATE", "10/minute"),
}
for _name, _rate in (("API_THROTTLE_RATE", "api"), ("API_TOKEN_THROTTLE_RATE", "token")):
    if not re.fullmatch(r"[1-9]\d*/(second|minute|hour|day)", REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][_rate]):
        raise ImproperlyConfigured(
            f"{_name}={REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'][_rate]!r}: use requests per second, minute, hour "
            "or day, e.g. 100/minute"
        )
# Proxies in front of Cascade: the client's address (throttles, lockout) is then read from X-Forwarded-For.
REST_FRAMEWORK["NUM_PROXIES"] = env_int("NUM_PROXIES", 0)
# API tokens expire this many days after they are made; a password change revokes them all.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][0] = "accounts.api.authentication.ExpiringTokenAuthentication"
for _name, _value, _least in (
    ("SIGNIN_LOCKOUT_FAILURES", SIGNIN_LOCKOUT_FAILURES, 1),
    ("SIGNIN_LOCKOUT_ADDRESS_FAILURES", SIGNIN_LOCKOUT_ADDRESS_FAILURES, 1),
    ("SIGNIN_LOCKOUT_MINUTES", SIGNIN_LOCKOUT_MINUTES, 1),
    ("API_TOKEN_DAYS", API_TOKEN_DAYS, 1),
):
    if _value < _least:
        raise ImproperlyConfigured(f"{_name}={_value}: use {_least} or more")
