"""The governance service's settings: read from the environment once, into one frozen value.

:meth:`ServerSettings.from_env` reads the environment (nothing else here does); :func:`django_settings`
turns the value into Django's settings, which :func:`postguard.server.app.configure` installs. No
settings object is built at import time.

Environment:

- ``POSTGUARD_DATABASE_URL``: a PostgreSQL (or SQLite) URL, read by dj-database-url. Unset: SQLite in
  the data folder, created on first run.
- ``POSTGUARD_DATA_DIR``: the data folder. Unset: ``$XDG_DATA_HOME/postguard``, else the platform's user
  data folder (``~/.local/share/postguard`` on Linux).
- ``POSTGUARD_DEBUG``: ``1`` turns Django's debug pages on (never in production). Off by default.
- ``POSTGUARD_ALLOWED_HOSTS``: comma-separated host names the server answers to (loopback by default).

The secret key is generated on first run and kept in ``<data folder>/secret_key`` with mode 0600; a key
file that others can read is refused.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from postguard.errors import GovernanceError

ENV_DATABASE_URL = "POSTGUARD_DATABASE_URL"
ENV_DATA_DIR = "POSTGUARD_DATA_DIR"
ENV_DEBUG = "POSTGUARD_DEBUG"
ENV_ALLOWED_HOSTS = "POSTGUARD_ALLOWED_HOSTS"

SQLITE_FILE = "postguard.sqlite3"
SECRET_KEY_FILE = "secret_key"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")

# SQLite for more than one writer: write-ahead logging (readers do not block the writer), a busy timeout
# (a writer waits for the lock instead of failing at once), and BEGIN IMMEDIATE for every transaction (a
# transaction takes the write lock when it starts, so two never deadlock upgrading a read lock; it is also
# what serialises appends to the audit log on SQLite).
SQLITE_BUSY_TIMEOUT_S = 20
SQLITE_OPTIONS: dict[str, Any] = {
    "init_command": (
        f"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_TIMEOUT_S,
}

POOL_TIMEOUT_S = 10

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Everything the service reads from its environment."""

    data_dir: Path
    database_url: str | None = None
    debug: bool = False
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServerSettings:
        """The settings from ``environ`` (default: the process's environment)."""
        env = os.environ if environ is None else environ
        hosts = tuple(h.strip() for h in env.get(ENV_ALLOWED_HOSTS, "").split(",") if h.strip())
        return cls(
            data_dir=default_data_dir(env),
            database_url=env.get(ENV_DATABASE_URL) or None,
            debug=_flag(env, ENV_DEBUG),
            allowed_hosts=hosts or LOOPBACK_HOSTS,
        )

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / SQLITE_FILE

    @property
    def secret_key_path(self) -> Path:
        return self.data_dir / SECRET_KEY_FILE

    def describe_database(self) -> str:
        """Where the data is, for a person: the SQLite file, or the PostgreSQL database without its password."""
        config = database_config(self)
        if config["ENGINE"].endswith("sqlite3"):
            return f"SQLite {config['NAME']}"
        host = config.get("HOST") or "local socket"
        return f"PostgreSQL {config['NAME']} on {host}"


def default_data_dir(env: Mapping[str, str]) -> Path:
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    if env.get("XDG_DATA_HOME"):
        return Path(env["XDG_DATA_HOME"]).expanduser() / "postguard"
    import platformdirs

    return platformdirs.user_data_path("postguard", appauthor=False)


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise GovernanceError("PG615", name=name, value=value, reason="use 1 or 0")


def ensure_data_dir(path: Path) -> Path:
    """The data folder, created (private to its owner) when it is not there."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise GovernanceError("PG611", path=path, reason=exc.strerror or type(exc).__name__) from exc
    if not path.is_dir():
        raise GovernanceError("PG611", path=path, reason="not a folder")
    return path


def ensure_private_files(settings: ServerSettings) -> None:
    """The SQLite file (created empty when missing; SQLite gives its journal the same mode) private to its
    owner (0600), and the media folder made private (0700): both hold people's data."""
    media = settings.data_dir / "media"
    try:
        media.mkdir(mode=0o700, exist_ok=True)
        os.chmod(media, 0o700)
        if settings.database_url is None:
            fd = os.open(settings.sqlite_path, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
            os.chmod(settings.sqlite_path, 0o600)
    except OSError as exc:
        raise GovernanceError("PG611", path=settings.data_dir, reason=exc.strerror or type(exc).__name__) from exc


def secret_key(settings: ServerSettings) -> str:
    """The service's secret key: read from the data folder, or generated there on first run (mode 0600).

    The new key is written to a private temporary file and linked into place, so two first runs at once
    agree on one key and no process ever reads a half-written one.
    """
    path = settings.secret_key_path
    ensure_data_dir(path.parent)
    if not path.exists():
        tmp = path.with_name(f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(50))
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise GovernanceError("PG612", path=path, mode=f"{mode:04o}")
        key = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise GovernanceError("PG613", path=path, reason=getattr(exc, "strerror", None) or type(exc).__name__) from exc
    if len(key) < 50:
        raise GovernanceError("PG613", path=path, reason="the key is too short; remove the file to make a new one")
    return key


def database_config(settings: ServerSettings) -> dict[str, Any]:
    """Django's ``DATABASES['default']``: SQLite in the data folder, or the URL's database."""
    if settings.database_url is None:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(settings.sqlite_path),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    import dj_database_url

    try:
        # conn_max_age=0: connections come from psycopg's pool instead (Django refuses both at once)
        config: dict[str, Any] = dict(dj_database_url.parse(settings.database_url, conn_max_age=0))
    except ValueError as exc:
        raise GovernanceError("PG614", reason=str(exc) or "not a database URL") from exc
    engine = config.get("ENGINE", "")
    options = dict(config.get("OPTIONS") or {})
    if engine == "django.db.backends.postgresql":
        # Django's psycopg pool; a database that cannot be reached fails after POOL_TIMEOUT_S, not 30 s
        options.setdefault("pool", {"min_size": 1, "max_size": 8, "timeout": POOL_TIMEOUT_S})
    elif engine == "django.db.backends.sqlite3":
        options = {**SQLITE_OPTIONS, **options}
    else:
        raise GovernanceError(
            "PG614", reason=f"{engine or 'this engine'} is not supported; use postgres:// or sqlite://"
        )
    config["OPTIONS"] = options
    return config


INSTALLED_APPS = [
    "postguard.server.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "postguard.server.registry",
    "postguard.server.auditlog",
    "postguard.server.checks",
    "postguard.server.approvals",
    "postguard.server.incidents",
    "postguard.server.tokens",
    "postguard.server.audits",
    "ninja",  # the API's docs page from the package's own files (no CDN)
    "postguard.server.web",
]


def django_settings(settings: ServerSettings) -> dict[str, Any]:
    """Django's settings for ``settings``: reads the secret key file, touches nothing else."""
    return {
        "DEBUG": settings.debug,
        "SECRET_KEY": secret_key(settings),
        "ALLOWED_HOSTS": list(settings.allowed_hosts),
        "INSTALLED_APPS": INSTALLED_APPS,
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "postguard.server.api.middleware.ApiGuardMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "postguard.server.registry.users.ActingUserMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "postguard.server.web.middleware.ContentSecurityPolicyMiddleware",
        ],
        "ROOT_URLCONF": "postguard.server.urls",
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                        "postguard.server.web.context.navigation",
                    ]
                },
            }
        ],
        "WSGI_APPLICATION": None,
        "DATABASES": {"default": database_config(settings)},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        # Argon2 first: new and changed passwords are hashed with it; others are upgraded at sign-in.
        "PASSWORD_HASHERS": [
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ],
        "AUTH_PASSWORD_VALIDATORS": [
            {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
        ],
        "LANGUAGE_CODE": "en-gb",
        "TIME_ZONE": "Europe/London",
        "USE_I18N": True,
        "USE_TZ": True,
        "STATIC_URL": "static/",
        # whitenoise serves the admin's files straight from the installed apps: no STATIC_ROOT, no collectstatic
        "WHITENOISE_USE_FINDERS": True,
        "MEDIA_ROOT": str(settings.data_dir / "media"),
        # photos, evidence files and their folders are private to the service's user (they name people)
        "FILE_UPLOAD_PERMISSIONS": 0o600,
        "FILE_UPLOAD_DIRECTORY_PERMISSIONS": 0o700,
        # the web app's pages (postguard.server.web): sign in there; the admin keeps its own sign-in page
        "LOGIN_URL": "web:signin",
        "LOGIN_REDIRECT_URL": "web:home",
        "LOGOUT_REDIRECT_URL": "web:signin",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        # a form sent without its CSRF token: the web app's page, with its code (PG699), not Django's stock one
        "CSRF_FAILURE_VIEW": "postguard.server.web.views.common.csrf_failure",
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        # psycopg's pool warns on every failed try to connect; the failure itself is reported once
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "loggers": {"psycopg.pool": {"level": "ERROR"}},
        },
        "POSTGUARD": settings,
    }
