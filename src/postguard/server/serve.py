"""Run the service under gunicorn (a production WSGI server), in this process."""

from __future__ import annotations

import ipaddress
from typing import Any

from gunicorn.app.base import BaseApplication

from postguard.server.app import create_app
from postguard.server.settings import ServerSettings


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def release_connections() -> None:
    """Close every database connection and pool before gunicorn forks its workers (a pool's threads and
    sockets do not survive a fork): each worker opens its own."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        close_pool = getattr(connection, "close_pool", None)
        if close_pool is not None:
            close_pool()


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: ServerSettings, options: dict[str, Any]) -> None:
        self._settings = settings
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings:  # settings this gunicorn version knows
                self.cfg.set(key, value)

    def load(self) -> Any:
        return create_app(self._settings)


def run(settings: ServerSettings, *, host: str, port: int, workers: int = 2, threads: int = 4) -> None:
    """Serve until interrupted: ``workers`` processes of ``threads`` threads each."""
    release_connections()
    bind = f"[{host.strip('[]')}]:{port}" if ":" in host.strip("[]") else f"{host}:{port}"
    options = {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "postguard",
        "control_socket_disable": True,  # no control socket in the user's home folder
    }
    _Gunicorn(settings, options).run()
