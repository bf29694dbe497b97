"""The governance service's tests run on SQLite and on PostgreSQL.

Django is configured once per session (on a SQLite file in a temporary data folder); a throwaway
PostgreSQL database is made for the session and dropped after it. The ``db`` fixture is parametrised over
both: it points Django's default connection at one of them, and empties the tables after the test (tests
commit for real, so that transactions, rollbacks and concurrent writers behave as in production).

PostgreSQL is reached at ``POSTGUARD_TEST_POSTGRES`` (default: the local server, user postgres), which
``.ci/run`` starts when it is down.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from postguard.server.app import configure
from postguard.server.settings import ServerSettings, database_config

ADMIN_URL = os.environ.get("POSTGUARD_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")
KEEP = {"django_migrations", "django_content_type", "auth_permission", "auth_group", "auth_group_permissions"}


def use(config: dict[str, Any]) -> None:
    """Point Django's default connection (in every thread) at the database ``config`` describes."""
    from django.db import connections

    connections["default"].close()
    connections.settings["default"] = config
    del connections["default"]


def empty_tables() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from postguard.server.auditlog.services import reset_head

    tables = [t for t in connection.introspection.django_table_names(only_existing=True) if t not in KEEP]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)
    reset_head()


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    from django.core.management import call_command
    from django.db import connections

    # one data folder per session, which tests/web configures Django with too (a process has one Django)
    data = tmp_path_factory.getbasetemp() / "postguard-data"
    data.mkdir(exist_ok=True)
    configure(ServerSettings(data_dir=data))
    name = f"postguard_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = psycopg.conninfo.conninfo_to_dict(ADMIN_URL)
    pg_url = f"postgresql://{url.get('user', 'postgres')}@{url.get('host', '127.0.0.1')}:{url.get('port', 5432)}/{name}"
    configs = {
        "sqlite": connections.configure_settings({"default": database_config(ServerSettings(data_dir=data))})[
            "default"
        ],
        "postgresql": connections.configure_settings(
            {"default": database_config(ServerSettings(data_dir=data, database_url=pg_url))}
        )["default"],
    }
    try:
        for backend in BACKENDS:
            use(configs[backend])
            call_command("migrate", interactive=False, verbosity=0)
        yield configs
    finally:
        use(configs["postgresql"])
        connections["default"].close()
        connections["default"].close_pool()
        use(configs["sqlite"])
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, databases: dict[str, dict[str, Any]]) -> Iterator[str]:
    """The name of the backend the test runs on, with Django's default connection pointed at it."""
    use(databases[request.param])
    try:
        yield request.param
    finally:
        empty_tables()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli_env(db: str, databases: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The environment of a ``postguard`` command run in a subprocess on the test's own database."""
    sqlite = Path(databases["sqlite"]["NAME"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTGUARD_")}
    env["POSTGUARD_DATA_DIR"] = str(sqlite.parent)  # the secret key, and the SQLite file
    if db == "postgresql":
        pg = databases["postgresql"]
        env["POSTGUARD_DATABASE_URL"] = f"postgresql://{pg['USER']}@{pg['HOST']}:{pg['PORT']}/{pg['NAME']}"
    return env


@pytest.fixture(scope="session")
def registry_engine(engine: Any) -> Any:
    """The session's engine (its models loaded once) with the registry as its record source, as
    ``run_check`` uses it in production."""
    from postguard.engine import Engine
    from postguard.server.checks.services import registry_source

    return Engine(engine.pack, analyzers=engine.registry, records=registry_source)
