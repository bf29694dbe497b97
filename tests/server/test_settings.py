"""Settings from the environment, the secret key file, and the database options (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from postguard.errors import GovernanceError
from postguard.server.settings import (
    LOOPBACK_HOSTS,
    ServerSettings,
    database_config,
    django_settings,
    secret_key,
)


def test_settings_come_from_the_environment(tmp_path: Path) -> None:
    env = {
        "POSTGUARD_DATA_DIR": str(tmp_path / "pg"),
        "POSTGUARD_DATABASE_URL": "postgres://app:pw@db.internal:5433/postguard",
        "POSTGUARD_DEBUG": "1",
        "POSTGUARD_ALLOWED_HOSTS": "governance.example.org, localhost",
    }
    settings = ServerSettings.from_env(env)
    assert settings == ServerSettings(
        data_dir=tmp_path / "pg",
        database_url="postgres://app:pw@db.internal:5433/postguard",
        debug=True,
        allowed_hosts=("governance.example.org", "localhost"),
    )
    assert settings.describe_database() == "PostgreSQL postguard on db.internal"


def test_by_default_sqlite_in_the_users_data_folder_debug_off_loopback_only(tmp_path: Path) -> None:
    settings = ServerSettings.from_env({"XDG_DATA_HOME": str(tmp_path)})
    assert settings.data_dir == tmp_path / "postguard" and settings.database_url is None
    assert not settings.debug and settings.allowed_hosts == LOOPBACK_HOSTS
    assert ServerSettings.from_env({"HOME": str(tmp_path)}).data_dir.name == "postguard"
    assert settings.describe_database() == f"SQLite {tmp_path / 'postguard' / 'postguard.sqlite3'}"


def test_a_debug_flag_that_is_not_a_flag_is_refused() -> None:
    with pytest.raises(GovernanceError) as exc:
        ServerSettings.from_env({"POSTGUARD_DEBUG": "maybe", "POSTGUARD_DATA_DIR": "/tmp/x"})
    assert exc.value.code == "PG615"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions(tmp_path: Path) -> None:
    config = database_config(ServerSettings(data_dir=tmp_path))
    assert config["ENGINE"] == "django.db.backends.sqlite3" and config["NAME"] == str(tmp_path / "postguard.sqlite3")
    options = config["OPTIONS"]
    assert "journal_mode = WAL" in options["init_command"] and "busy_timeout = 20000" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] == 20


def test_postgresql_uses_psycopg_with_djangos_pool(tmp_path: Path) -> None:
    config = database_config(ServerSettings(data_dir=tmp_path, database_url="postgres://u:p@h:5432/d"))
    assert config["ENGINE"] == "django.db.backends.postgresql" and config["NAME"] == "d"
    assert config["OPTIONS"]["pool"]["timeout"] == 10 and config["CONN_MAX_AGE"] == 0
    with pytest.raises(GovernanceError) as exc:
        database_config(ServerSettings(data_dir=tmp_path, database_url="mysql://u:p@h/d"))
    assert exc.value.code == "PG614"


def test_the_secret_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    settings = ServerSettings(data_dir=tmp_path / "data")
    key = secret_key(settings)
    path = tmp_path / "data" / "secret_key"
    assert len(key) >= 50 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
    assert secret_key(settings) == key and list((tmp_path / "data").iterdir()) == [path]
    assert django_settings(settings)["SECRET_KEY"] == key


def test_the_database_and_the_media_folder_are_private(tmp_path: Path) -> None:
    """Issue 27: the SQLite file is 0600 and the media folder 0700, whatever the umask; an existing file
    made with a looser mode is tightened."""
    from postguard.server.settings import ensure_private_files

    settings = ServerSettings(data_dir=tmp_path)
    old = os.umask(0)
    try:
        ensure_private_files(settings)
    finally:
        os.umask(old)
    assert stat.S_IMODE(settings.sqlite_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "media").stat().st_mode) == 0o700
    os.chmod(settings.sqlite_path, 0o644)
    os.chmod(tmp_path / "media", 0o755)
    ensure_private_files(settings)
    assert stat.S_IMODE(settings.sqlite_path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "media").stat().st_mode) == 0o700
    uploads = django_settings(settings)
    assert uploads["FILE_UPLOAD_PERMISSIONS"] == 0o600 and uploads["FILE_UPLOAD_DIRECTORY_PERMISSIONS"] == 0o700


def test_a_secret_key_file_others_can_read_is_refused(tmp_path: Path) -> None:
    settings = ServerSettings(data_dir=tmp_path)
    secret_key(settings)
    os.chmod(tmp_path / "secret_key", 0o644)
    with pytest.raises(GovernanceError) as exc:
        secret_key(settings)
    assert exc.value.code == "PG612" and "chmod 600" in str(exc.value)


def test_django_settings_are_production_safe(tmp_path: Path) -> None:
    values = django_settings(ServerSettings(data_dir=tmp_path))
    assert values["DEBUG"] is False and values["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in values["MIDDLEWARE"]
    assert values["USE_TZ"] is True and values["X_FRAME_OPTIONS"] == "DENY"


def test_the_databases_run_with_those_settings(db: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if db == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
            assert connection.transaction_mode == "IMMEDIATE"
        else:
            assert connection.pool is not None
            cursor.execute("SELECT 1")
