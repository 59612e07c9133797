"""Settings for microcred, read from the environment.

Defaults run the demo on a laptop (`make run` sets DEBUG=true); a production deployment
sets the variables listed in `.env.example`. Outside DEBUG the defaults are the safe ones:
secure cookies, HSTS, HTTPS redirect and a Content Security Policy.
"""

import re
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

from config.env import env_bool, env_contacts, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# A local file of these variables fills in what the environment leaves unset: `make run`
# writes one for the demo, so that every command run afterwards finds the same DEBUG,
# PORT and BASE_URL. The test suite never reads it: a developer's demo must not change it.
ENV_FILE = Path(env_str("ENV_FILE", str(BASE_DIR / ".env")))
if "pytest" not in sys.modules:
    load_dotenv(ENV_FILE, override=False)

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is not true.")
    SECRET_KEY = "insecure-key-for-local-development-only"  # noqa: S105

PORT = env_int("PORT", 8000)
# The public address of this platform; badge pages, issuer identifiers and e-mail links
# are built from it.
BASE_URL = env_str("BASE_URL", f"http://127.0.0.1:{PORT}").rstrip("/")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "microcred.accounts",
    "microcred.catalog",
    "microcred.backpack",
    "microcred.submissions",
    "microcred.submissions.duplicates",
    "microcred.payments",
    "microcred.assessment",
    "microcred.notifications",
    "microcred.credentials",
    "microcred.coaching",
    "microcred.support",
    "microcred.reports",
    "microcred.people",
    "microcred.demo",
    "microcred.operations",
    "microcred.federation",
    "microcred.webhooks",
    "oauth2_provider",
    "microcred.connect",
    "rest_framework",
    "drf_spectacular",
    "microcred.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "microcred.operations.request_size.DeclaredLengthMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "microcred.accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "microcred.null_characters.NullCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "microcred.accounts.middleware.TwoFactorRequiredMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "microcred" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "microcred.accounts.context_processors.navigation",
                "microcred.reports.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the task worker share the file: WAL lets readers run beside a
    # writer, and IMMEDIATE transactions take the write lock up front instead of failing
    # half way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# New passwords are hashed with Argon2; older PBKDF2 hashes still work and are rehashed
# with Argon2 the next time their owner signs in.
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

# Accounts: sign-in by e-mail, and an e-mail must be verified before the first sign-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# One address per account, changed from the e-mail page: the new address is verified
# before it replaces the old one.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "microcred.accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[microcred] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if BASE_URL.startswith("https") else "http"
ACCOUNT_ADAPTER = "microcred.accounts.adapters.AccountAdapter"
# Limits per client address (docs/security.md). Failed sign-ins are limited per address
# only: a limit per account would let anyone lock its owner out. Accounts are protected by
# SIGNIN_* below instead, keyed on the account and the address together.
RATE_LIMITS_ENABLED = not env_bool("DISABLE_RATE_LIMITS", False)
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"} if RATE_LIMITS_ENABLED else False
# After this many failed sign-ins for one account from one address, each further attempt
# from there waits twice as long as the last (2, 4, 8 ... seconds), up to the cap. A
# successful sign-in from that address starts again from zero.
SIGNIN_FREE_FAILURES = env_int("SIGNIN_FREE_FAILURES", 5)
SIGNIN_MAX_DELAY_SECONDS = env_int("SIGNIN_MAX_DELAY_SECONDS", 15 * 60)
if SIGNIN_FREE_FAILURES < 1 or SIGNIN_MAX_DELAY_SECONDS < 1:
    raise ImproperlyConfigured("SIGNIN_FREE_FAILURES and SIGNIN_MAX_DELAY_SECONDS are 1 or more.")
# Proxies in front of the platform that are ours: the client's address is the one the
# outermost of them saw, counted from the right of X-Forwarded-For. 0 trusts no header and
# uses the connection's address.
TRUSTED_PROXY_COUNT = env_int(
    "TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_TLS_PROXY", False) else 0
)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is 0 or more.")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Two-factor sign-in: an authenticator app (TOTP) with recovery codes, and passkeys or
# security keys (WebAuthn). Required for platform staff, and for an organization's admins
# when the organization asks for it (docs/security.md).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "microcred")
MFA_FORMS = {"authenticate": "microcred.accounts.second_step.SecondStepForm"}
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# The cache holds sign-in limits and must be shared by every process: the database by
# default (its table is made by `migrate`), Redis when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "microcred_cache",
        }
    )
}
LOGIN_REDIRECT_URL = "backpack:home"
LOGIN_URL = "account_login"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "microcred <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_str("TASKS_BACKEND", "database") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "microcred" / "locale"]
# Offered are English, the language the platform is written in, and each language with a
# translation of its own (microcred/locale/<code>/LC_MESSAGES/django.po): a language
# without one would be a menu entry that changes nothing on the page.
LANGUAGES = [("en", _("English"))] + sorted(
    (folder.name, _(LANG_INFO[folder.name]["name"]))
    for folder in (LOCALE_PATHS[0].iterdir() if LOCALE_PATHS[0].is_dir() else ())
    if folder.name in LANG_INFO
    and folder.name != "en"
    and (folder / "LC_MESSAGES" / "django.po").is_file()
)
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "microcred" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATIC_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Serve static files straight from the source folders (development and tests); production
# runs `collectstatic` and serves the compressed, hashed copies.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = env_bool("STATIC_FROM_SOURCE", DEBUG)

if env_str("AWS_STORAGE_BUCKET_NAME", ""):
    # S3-compatible object storage for uploaded files (evidence, images).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY", "") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Evidence: the largest file an earner may upload, and attempts per micro-credential.
MAX_EVIDENCE_UPLOAD_BYTES = env_int("MAX_EVIDENCE_UPLOAD_BYTES", 100 * 1024 * 1024)
# A request declaring a longer body is refused before it is read: the largest evidence
# file, and a megabyte for the form around it.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", MAX_EVIDENCE_UPLOAD_BYTES + 1024 * 1024)
# Uploads past FILE_UPLOAD_MAX_MEMORY_SIZE wait here while a request is read; a web process
# killed meanwhile leaves them behind, and the periodic sweep removes them after a day.
FILE_UPLOAD_TEMP_DIR = env_str("FILE_UPLOAD_TEMP_DIR", str(BASE_DIR / "var" / "tmp" / "uploads"))
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
SUBMISSION_MAX_ATTEMPTS = env_int("SUBMISSION_MAX_ATTEMPTS", 3)
# Evidence files are removed this many days after their submission is decided (0 keeps
# them for as long as the platform runs). Awards are unaffected: they hold no file.
EVIDENCE_RETENTION_DAYS = env_int("EVIDENCE_RETENTION_DAYS", 0)
if EVIDENCE_RETENTION_DAYS < 0:
    raise ImproperlyConfigured("EVIDENCE_RETENTION_DAYS is 0 (keep files) or more.")

# People: how long an invitation link to a role in an organization works.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
if INVITATION_VALID_DAYS < 1:
    raise ImproperlyConfigured("INVITATION_VALID_DAYS is 1 or more.")

# Assessment: reviewers per submission, hours to accept an offer, and the service level
# (a decision within 14 business days, what earners have been promised in the field).
ASSESSORS_PER_SUBMISSION = env_int("ASSESSORS_PER_SUBMISSION", 2)
ASSIGNMENT_RESPONSE_HOURS = env_int("ASSIGNMENT_RESPONSE_HOURS", 48)
SERVICE_LEVEL_BUSINESS_DAYS = env_int("SERVICE_LEVEL_BUSINESS_DAYS", 14)
# The least time an assessor gets for a review taken over from someone who let it run
# late; without it the replacement would be due the day it is offered, and taken back
# the next morning.
REPLACEMENT_REVIEW_BUSINESS_DAYS = env_int("REPLACEMENT_REVIEW_BUSINESS_DAYS", 3)

# Calibration and reliability (docs/assessment-quality.md), in whole percent.
# A new assessor qualifies at this share of criteria scored as the experts did.
CALIBRATION_PASS_PERCENT = env_int("CALIBRATION_PASS_PERCENT", 80)
# Of an assessor's live assignments, about this share are anchors with expert scores.
ANCHOR_LIVE_PERCENT = env_int("ANCHOR_LIVE_PERCENT", 10)
# Below this agreement with anchors over the rolling window, assignments pause for
# retraining; the window is the assessor's last N reviews, with at least M anchors in it.
RETRAINING_THRESHOLD_PERCENT = env_int("RETRAINING_THRESHOLD_PERCENT", 70)
RELIABILITY_WINDOW_REVIEWS = env_int("RELIABILITY_WINDOW_REVIEWS", 20)
RETRAINING_MIN_ANCHORS = env_int("RETRAINING_MIN_ANCHORS", 3)
for _name in ("CALIBRATION_PASS_PERCENT", "RETRAINING_THRESHOLD_PERCENT"):
    if not 0 <= globals()[_name] <= 100:
        raise ImproperlyConfigured(f"{_name} is a percentage from 0 to 100.")
if not 0 <= ANCHOR_LIVE_PERCENT <= 50:
    raise ImproperlyConfigured("ANCHOR_LIVE_PERCENT is a percentage from 0 to 50.")
if RELIABILITY_WINDOW_REVIEWS < 1 or RETRAINING_MIN_ANCHORS < 1:
    raise ImproperlyConfigured(
        "RELIABILITY_WINDOW_REVIEWS and RETRAINING_MIN_ANCHORS are 1 or more."
    )

# Card payments: a provider class (empty switches card payments off) and its secrets.
PAYMENT_PROVIDER = env_str(
    "PAYMENT_PROVIDER",
    "microcred.payments.providers.stripe.StripeProvider"
    if env_str("STRIPE_SECRET_KEY", "")
    else "",
)
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "")  # another address for Stripe's API, if any

# Credentials. Signing keys are stored encrypted with the first of these passphrases and
# decrypted with any of them (list a new one first to rotate). Without it the SECRET_KEY
# serves, so that a laptop needs nothing; production sets its own, kept apart from
# SECRET_KEY, since losing it loses every issuer's keys.
CREDENTIALS_ENCRYPTION_KEYS = env_list("CREDENTIALS_ENCRYPTION_KEYS", []) or [SECRET_KEY]
# Foreign issuers' did:web documents and key URLs are fetched over HTTPS with this timeout
# and size cap; private and loopback addresses are never fetched.
CREDENTIALS_FETCH_TIMEOUT_SECONDS = env_int("CREDENTIALS_FETCH_TIMEOUT_SECONDS", 5)
CREDENTIALS_FETCH_MAX_BYTES = env_int("CREDENTIALS_FETCH_MAX_BYTES", 256 * 1024)
# How long the verification of a credential of ours is remembered (badge pages, the VC
# API); a revocation or a new key of its issuer shows at once (verification/cache.py).
CREDENTIALS_VERIFY_CACHE_SECONDS = env_int("CREDENTIALS_VERIFY_CACHE_SECONDS", 600)
# How long a status list credential whose bytes have not changed is trusted without its
# proof being checked again; the list itself is read, and its bits with it, every time.
CREDENTIALS_STATUS_LIST_CACHE_SECONDS = env_int("CREDENTIALS_STATUS_LIST_CACHE_SECONDS", 300)

# Publishing the catalog to a Credential Engine registry through its Registry Assistant
# API. With no API key nothing is ever sent; the organization's CTID is the one the
# registry gave the publishing organization.
CREDENTIAL_REGISTRY_URL = env_str(
    "CREDENTIAL_REGISTRY_URL", "https://sandbox.credentialengine.org/assistant/"
)
CREDENTIAL_REGISTRY_API_KEY = env_str("CREDENTIAL_REGISTRY_API_KEY", "")
CREDENTIAL_REGISTRY_ORGANIZATION_CTID = env_str("CREDENTIAL_REGISTRY_ORGANIZATION_CTID", "")
CREDENTIAL_REGISTRY_TIMEOUT_SECONDS = env_int("CREDENTIAL_REGISTRY_TIMEOUT_SECONDS", 30)
# The largest credential or presentation the verifier reads.
CREDENTIALS_MAX_VERIFY_BYTES = env_int("CREDENTIALS_MAX_VERIFY_BYTES", 2 * 1024 * 1024)
# The most credentials one presentation (or learner record) may hold to be verified: each
# costs 25-30 ms of CPU (bench/verify_presentation.py), so 50 stay under a second and a half.
CREDENTIALS_MAX_PER_PRESENTATION = env_int("CREDENTIALS_MAX_PER_PRESENTATION", 50)
# Work anyone may ask for without an account (verifying, baked badge images): requests per
# client address, and from everyone together, in each window (docs/security.md).
PUBLIC_WORK_WINDOW_SECONDS = env_int("PUBLIC_WORK_WINDOW_SECONDS", 60)
PUBLIC_WORK_PER_ADDRESS = env_int("PUBLIC_WORK_PER_ADDRESS", 30)
PUBLIC_WORK_OVERALL = env_int("PUBLIC_WORK_OVERALL", 300)
_public_limits = (
    CREDENTIALS_MAX_PER_PRESENTATION,
    PUBLIC_WORK_WINDOW_SECONDS,
    PUBLIC_WORK_PER_ADDRESS,
    PUBLIC_WORK_OVERALL,
)
if min(_public_limits) < 1:
    raise ImproperlyConfigured(
        "CREDENTIALS_MAX_PER_PRESENTATION and the PUBLIC_WORK_* settings are 1 or more."
    )
# Bulk issuance: awards signed per background task.
CREDENTIALS_SIGNING_BATCH = env_int("CREDENTIALS_SIGNING_BATCH", 500)
# Learner records (CLR 2.0) span issuers, so the platform signs them under an issuer
# identity of its own: an organization with this short name (made on first use), whose
# did:web document is served like any issuer's.
CREDENTIALS_RECORD_ISSUER_SLUG = env_str("CREDENTIALS_RECORD_ISSUER_SLUG", "learner-records")
CREDENTIALS_RECORD_ISSUER_NAME = env_str("CREDENTIALS_RECORD_ISSUER_NAME", "microcred")

# Webhooks (docs/webhooks.md). Endpoints on private, loopback or link-local addresses are
# refused at registration and before every attempt; loopback only where this is set (the
# tests' receivers). Plain http is refused unless WEBHOOKS_REQUIRE_HTTPS is off.
WEBHOOKS_ALLOW_LOOPBACK = env_bool("WEBHOOKS_ALLOW_LOOPBACK", False)
WEBHOOKS_REQUIRE_HTTPS = env_bool("WEBHOOKS_REQUIRE_HTTPS", not DEBUG)
# A PEM file of the certificate authorities an https endpoint's certificate must chain to,
# for receivers inside a network with its own authority; empty: the system's authorities.
WEBHOOKS_CA_BUNDLE = env_str("WEBHOOKS_CA_BUNDLE", "")
if WEBHOOKS_CA_BUNDLE and not Path(WEBHOOKS_CA_BUNDLE).is_file():
    raise ImproperlyConfigured(f"WEBHOOKS_CA_BUNDLE names no file: {WEBHOOKS_CA_BUNDLE}")
# One attempt's whole time, and how much of the answer is read.
WEBHOOKS_TIMEOUT_SECONDS = env_int("WEBHOOKS_TIMEOUT_SECONDS", 10)
WEBHOOKS_MAX_RESPONSE_BYTES = env_int("WEBHOOKS_MAX_RESPONSE_BYTES", 64 * 1024)
# Seconds before each retry of a failed attempt: after the last, the delivery has failed.
# Seven attempts over about 17 hours, as Standard Webhooks' senders do.
WEBHOOKS_RETRY_DELAYS = [
    int(seconds)
    for seconds in env_list(
        "WEBHOOKS_RETRY_DELAYS", ["30", "300", "1800", "7200", "18000", "36000"]
    )
]
# Each delay is stretched or shortened at random by up to this percentage, so that the
# retries of many deliveries that failed together (a receiver down) do not return together.
WEBHOOKS_RETRY_JITTER_PERCENT = env_int("WEBHOOKS_RETRY_JITTER_PERCENT", 10)
if not 0 <= WEBHOOKS_RETRY_JITTER_PERCENT <= 50:
    raise ImproperlyConfigured("WEBHOOKS_RETRY_JITTER_PERCENT is between 0 and 50.")
# Failed attempts in a row after which an endpoint is disabled and its admins told.
WEBHOOKS_DISABLE_AFTER_FAILURES = env_int("WEBHOOKS_DISABLE_AFTER_FAILURES", 20)
WEBHOOKS_MAX_ENDPOINTS = env_int("WEBHOOKS_MAX_ENDPOINTS", 10)
# Due deliveries each periodic round queues at most.
WEBHOOKS_SWEEP_BATCH = env_int("WEBHOOKS_SWEEP_BATCH", 1000)
if WEBHOOKS_TIMEOUT_SECONDS < 1 or WEBHOOKS_DISABLE_AFTER_FAILURES < 1:
    raise ImproperlyConfigured(
        "WEBHOOKS_TIMEOUT_SECONDS and WEBHOOKS_DISABLE_AFTER_FAILURES are 1 or more."
    )

# Largest image an author may upload for a micro-credential or stack.
MAX_IMAGE_UPLOAD_BYTES = env_int("MAX_IMAGE_UPLOAD_BYTES", 2 * 1024 * 1024)

# Security. Every default below is the production one; DEBUG relaxes what a plain-HTTP
# laptop needs.
SECURE = not DEBUG
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", SECURE)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
# Load balancers probe the health endpoint over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE)
# Only once the domain is meant for browsers' preload lists (hstspreload.org): hard to undo.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Where to report a security problem (SECURITY.md), published at /.well-known/security.txt
# (RFC 9116): e-mail addresses or https:// pages, comma-separated. The deploying
# organization sets its own (e.g. security@ its domain); without one no security.txt is
# served, since the RFC requires a contact. Its Expires date rolls this many days ahead.
SECURITY_CONTACTS = env_contacts("SECURITY_CONTACT")
SECURITY_POLICY_URL = env_str("SECURITY_POLICY_URL", "")
SECURITY_TXT_DAYS = env_int("SECURITY_TXT_DAYS", 180)
if not 1 <= SECURITY_TXT_DAYS < 365:
    raise ImproperlyConfigured("SECURITY_TXT_DAYS must be between 1 and 364.")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

CATALOG_PAGE_SIZE = 20

# The Open Badges 3.0 API for wallets (microcred.connect; docs/connect.md): OAuth 2.0 by
# django-oauth-toolkit, profiled as 1EdTech's Security Framework asks: authorization code
# with PKCE (S256 only), refresh tokens, revocation, dynamic registration.
OAUTH2_PROVIDER = {
    "SCOPES_BACKEND_CLASS": "microcred.connect.scopes.ClientScopes",
    "PKCE_REQUIRED": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("CONNECT_ACCESS_TOKEN_SECONDS", 3600),
    "REFRESH_TOKEN_EXPIRE_SECONDS": env_int("CONNECT_REFRESH_TOKEN_SECONDS", 180 * 24 * 3600),
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ROTATE_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"] if DEBUG else ["https"],
    "ERROR_RESPONSE_WITH_SCOPES": True,
    # The recommendations of RFC 9700 (OAuth 2.0 Security Best Current Practice), enforced.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}
# The toolkit's models are swappable; naming them lets the platform's own models point at
# them the way Django resolves a swappable model.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105 (a model name)
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105 (a model name)
# The REST API (/api/v1/, microcred.api): bearer tokens only, JSON in and out, errors as
# RFC 9457 problem details, pages of at most 100, a rate per caller.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["microcred.api.authentication.BearerToken"],
    "DEFAULT_PERMISSION_CLASSES": ["microcred.api.access.ScopeRequired"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["microcred.api.parsers.JSONBody"],
    "DEFAULT_PAGINATION_CLASS": "microcred.api.pagination.Pages",
    "DEFAULT_THROTTLE_CLASSES": ["microcred.api.throttling.PerCaller"],
    "DEFAULT_SCHEMA_CLASS": "microcred.api.schema.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "EXCEPTION_HANDLER": "microcred.api.errors.handle",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "STRICT_JSON": True,
    "COERCE_DECIMAL_TO_STRING": True,
}
API_RATE_AUTHENTICATED = env_str("API_RATE_AUTHENTICATED", "1200/min")
API_RATE_ANONYMOUS = env_str("API_RATE_ANONYMOUS", "120/min")
API_IDEMPOTENCY_HOURS = env_int("API_IDEMPOTENCY_HOURS", 24)
for _name in ("API_RATE_AUTHENTICATED", "API_RATE_ANONYMOUS"):
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", globals()[_name]):
        raise ImproperlyConfigured(
            f"{_name} is a number of requests per s, min, hour or day: 1200/min."
        )
SPECTACULAR_SETTINGS = {
    "TITLE": "microcred REST API",
    "DESCRIPTION": (
        "The platform's catalog, backpacks, submissions, reviews, awards, vouchers, cohorts "
        "and reports, for an organization's systems (OAuth 2.0 client credentials) and for "
        "people's apps (authorization code with PKCE). Errors are RFC 9457 problem details."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SECURITY": [{"oauth2": []}],
    "APPEND_COMPONENTS": {},
    "PREPROCESSING_HOOKS": [],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "microcred.api.schema.security_and_problems",
    ],
    # Enums named after what they are, so that areas' fields called `status` or `purpose`
    # do not collide in the document.
    "ENUM_NAME_OVERRIDES": {
        "AssignmentStatusEnum": "microcred.assessment.models.AssignmentStatus",
        "AssignmentPurposeEnum": "microcred.assessment.models.Purpose",
        # A submission's state appears as its state and as both ends of each move.
        "SubmissionStateEnum": "microcred.submissions.states.State",
    },
    "DISABLE_ERRORS_AND_WARNINGS": False,
}
# The largest credential a wallet may upsert, JSON or compact JWS.
CONNECT_MAX_CREDENTIAL_BYTES = env_int("CONNECT_MAX_CREDENTIAL_BYTES", 256 * 1024)
CONNECT_PRIVACY_POLICY_URL = env_str("CONNECT_PRIVACY_POLICY_URL", "")
CONNECT_TERMS_OF_SERVICE_URL = env_str("CONNECT_TERMS_OF_SERVICE_URL", "")
