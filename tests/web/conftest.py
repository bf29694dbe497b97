"""The web app's browser tests: the real app on a live server (SQLite in the session's data folder), driven
by Python Playwright in Debian's headless Chromium (``/usr/bin/chromium``; never ``playwright install``).

Every page a test visits can be screenshotted at phone (390 px) and desktop (1280 px) widths into
``artefacts/web/`` (``POSTGUARD_ARTEFACTS`` to put them elsewhere) and checked with axe-core (vendored in
``tests/web/vendor``): no serious or critical violation.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from postguard.server.app import configure
from postguard.server.settings import ServerSettings, database_config

from .helpers import Pages

CHROMIUM = "/usr/bin/chromium"
KEEP = {"django_migrations", "django_content_type", "auth_permission", "auth_group", "auth_group_permissions"}


def _use(config: dict[str, Any]) -> None:
    from django.db import connections

    connections["default"].close()
    connections.settings["default"] = config
    del connections["default"]


def _empty_tables() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from postguard.server.auditlog.services import reset_head

    tables = [t for t in connection.introspection.django_table_names(only_existing=True) if t not in KEEP]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)
    reset_head()


@pytest.fixture(scope="session")
def web_database(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Django configured on the session's data folder (shared with tests/server), its SQLite migrated."""
    from django.core.management import call_command
    from django.db import connections

    data = tmp_path_factory.getbasetemp() / "postguard-data"
    data.mkdir(exist_ok=True)
    settings = ServerSettings(data_dir=data)
    configure(settings)
    config: dict[str, Any] = connections.configure_settings({"default": database_config(settings)})["default"]
    _use(config)
    call_command("migrate", interactive=False, verbosity=0)
    return config


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


@pytest.fixture(scope="session")
def live_server(web_database: dict[str, Any]) -> Iterator[str]:
    """The app (with whitenoise serving its static files) on a free loopback port, in threads."""
    from postguard.server.app import create_app, current

    app = create_app(current())
    server = make_server("127.0.0.1", 0, app, server_class=_Server, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(live_server: str, web_database: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The live server's URL, on an empty database (emptied again after the test).

    Playwright's synchronous API runs an event loop in the test's thread; Django refuses ORM calls from
    a thread with a running loop unless told they are safe, which they are here (one thread, no async code).
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    _use(web_database)
    _empty_tables()
    try:
        yield live_server
    finally:
        _use(web_database)
        _empty_tables()


@pytest.fixture(scope="module")
def browser(live_server: str) -> Iterator[Any]:
    """Chromium for one test module (Playwright's loop runs in this thread only while a module's tests do:
    the other tests' ORM calls never meet it)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (never `playwright install`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def pages(site: str, browser: Any) -> Iterator[Pages]:
    p = Pages(browser, site)
    try:
        yield p
    finally:
        p.close()
