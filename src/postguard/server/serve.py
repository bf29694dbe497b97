"""Run the service under gunicorn (a production WSGI server), in this process."""

from __future__ import annotations

import errno
import ipaddress
import socket
from typing import Any

from gunicorn.app.base import BaseApplication

from postguard.errors import GovernanceError
from postguard.server.app import create_app
from postguard.server.settings import ServerSettings


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_can_listen(host: str, port: int) -> None:
    """Bind the address as gunicorn will (SO_REUSEADDR), then let it go: a port in use (or a host that is
    not this machine's) is one line with its code before anything is printed or made."""
    address = f"[{host.strip('[]')}]:{port}" if ":" in host.strip("[]") else f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise GovernanceError("PG634", address=address, reason=exc.strerror or "unknown host") from None
    family, kind, proto, _, where = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as exc:
            reason = "the port is in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or type(exc).__name__)
            raise GovernanceError("PG634", address=address, reason=reason) from None


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
