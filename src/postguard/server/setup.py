"""First-run setup and upgrades: migrate the database, and make the first administrator.

``postguard serve`` calls :func:`first_run` before it starts the WSGI server; ``postguard db upgrade``
calls :func:`upgrade`. Both work on the database Django was configured with
(:func:`postguard.server.app.configure`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from postguard.server.access import SYSTEM

ADMIN_USERNAME = "admin"


@dataclass(frozen=True, slots=True)
class Administrator:
    """The administrator made on first run, with the generated password (shown once, stored only hashed)."""

    username: str
    password: str


@dataclass(frozen=True, slots=True)
class FirstRun:
    applied: tuple[str, ...]  # the migrations applied now ("registry.0001_initial", ...)
    administrator: Administrator | None  # made now; None when one existed


def pending_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _ in plan]


def upgrade() -> tuple[str, ...]:
    """Apply every pending migration; returns their names (none when the database is up to date)."""
    from django.core.management import call_command

    pending = tuple(pending_migrations())
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
    return pending


def ensure_administrator(username: str = ADMIN_USERNAME) -> Administrator | None:
    """Make an administrator with a generated password when there is none; None when there is one."""
    from django.contrib.auth import get_user_model

    from postguard.server.registry.services import administrator_create

    if get_user_model().objects.filter(is_superuser=True, is_active=True).exists():
        return None
    password = secrets.token_urlsafe(18)
    administrator_create(actor=SYSTEM, username=username, password=password)
    return Administrator(username, password)


def first_run() -> FirstRun:
    """Migrate the database, then make the first administrator if there is none."""
    applied = upgrade()
    return FirstRun(applied, ensure_administrator())


def sign_in_help(setup: FirstRun, url: str) -> list[str]:
    """What ``serve`` prints: how to sign in (and the new administrator's password, this once)."""
    lines = [f"postguard: applied {len(setup.applied)} migrations"] if setup.applied else []
    if setup.administrator is not None:
        lines += [
            f"postguard: created the administrator {setup.administrator.username!r} with the password",
            f"    {setup.administrator.password}",
            "  (shown this once and stored only as an Argon2 hash: keep it in a password manager, or change it",
            "  after signing in)",
        ]
    lines.append(f"postguard: sign in at {url} (the web app: check posts, the registry, the audit log)")
    lines.append(f"postguard: administrators also have Django's admin (users and their roles) at {url}admin/")
    return lines
