"""First-run setup (what `postguard serve` does before it serves), the admin for administrators only, and
the commands run as a user runs them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from postguard.server.serve import is_loopback


def test_first_run_makes_one_administrator_with_a_password_shown_once(db: str) -> None:
    from django.contrib.auth import get_user_model

    from postguard.server.auditlog.models import Entry
    from postguard.server.setup import first_run, sign_in_help

    setup = first_run()
    assert setup.applied == () and setup.administrator is not None  # the fixture migrated already
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(setup.administrator.password)
    assert user.password.startswith("argon2") and setup.administrator.password not in user.password
    lines = sign_in_help(setup, "http://127.0.0.1:8000/")
    assert setup.administrator.password in "\n".join(lines) and lines[-1].endswith("http://127.0.0.1:8000/admin/")
    created, entry = Entry.objects.order_by("seq")
    assert created.action == "auth.user.create" and created.payload["superuser"] is True
    assert entry.action == "auth.administrator.create" and entry.payload == {}
    again = first_run()
    assert again.administrator is None and get_user_model().objects.count() == 1
    assert setup.administrator.password not in "\n".join(sign_in_help(again, "http://127.0.0.1:8000/"))


def test_the_admin_serves_administrators_only(db: str) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from postguard.server.setup import first_run

    setup = first_run()
    assert setup.administrator is not None
    staff = get_user_model().objects.create_user("staffer", password="a long enough password", is_staff=True)
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/admin/").status_code == 302
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302  # staff, but not an administrator
    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get("/admin/")
    assert page.status_code == 200 and b"Audit log" in page.content
    assert client.get("/admin/auditlog/entry/").status_code == 200
    assert client.get("/admin/auditlog/entry/add/").status_code == 403  # read-only: services change rows
    for page in ("checks/check", "approvals/approval", "approvals/route", "incidents/incident"):
        assert client.get(f"/admin/{page}/").status_code == 200
        assert client.get(f"/admin/{page}/add/").status_code == 403
    assert Client(HTTP_HOST="evil.example").get("/admin/").status_code == 400  # loopback hosts only


def test_serve_binds_to_loopback_by_default() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_serve_on_a_port_in_use_is_one_coded_line_and_nothing_made(tmp_path: Path) -> None:
    """Issue 27: the port is checked before the sign-in address (or a password) is printed."""
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = _postguard("serve", "--port", str(port), data=tmp_path / "data")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "error [PG634]" in run.stderr and "in use" in run.stderr
    assert not (tmp_path / "data" / "postguard.sqlite3").exists()


def _postguard(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTGUARD_")} | {"POSTGUARD_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "postguard", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.slow
def test_db_upgrade_and_log_verify_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    before = _postguard("log", "verify", data=data)
    assert before.returncode == 2 and "error [PG617]" in before.stderr
    upgraded = _postguard("db", "upgrade", data=data)
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.startswith("postguard: applied ") and "postguard.sqlite3" in upgraded.stdout
    assert "is up to date" in _postguard("db", "upgrade", data=data).stdout
    ok = _postguard("log", "verify", data=data)
    assert ok.returncode == 0 and ok.stdout.startswith("OK: 0 entries")
    database = sqlite3.connect(data / "postguard.sqlite3")
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with database:  # forge an entry behind the log's back
        database.execute(
            "INSERT INTO auditlog_entry (seq, at, actor, action, object_type, object_id, payload, salts, redacted,"
            " prev_hash, hash) VALUES (1, '2026-12-03 10:00:00', 'user:1', 'x', 'x', '1', ?, '{}', '{}', ?, ?)",
            (json.dumps({}), "0" * 64, "f" * 64),
        )
    broken = _postguard("log", "verify", data=data)
    assert broken.returncode == 1 and broken.stdout.startswith("BROKEN at entry 1: edited")


def test_the_check_command_never_loads_django() -> None:
    code = "import sys, postguard.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'ninja'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_actor_is_a_users_roles(db: str) -> None:
    from django.contrib.auth.models import AnonymousUser, Group, User

    from postguard.server.access import ANONYMOUS, Actor, Role
    from postguard.server.registry import services

    from .helpers import OFFICER

    officer = User.objects.create_user("officer", password="a long enough password")
    officer.groups.add(Group.objects.get(name="registry-officer"))
    person = services.person_create(actor=OFFICER, name="Olive Officer", kind="staff", user=officer)
    actor = Actor.of_user(officer)
    roles = frozenset({Role.REGISTRY_OFFICER, Role.SIGNED_IN})  # every signed-in user holds signed-in
    assert actor == Actor(f"user:{officer.pk}", roles, officer.pk, person.pk)
    assert actor.can("run checks") and not ANONYMOUS.can("run checks")
    assert actor.can("manage the registry") and not actor.can("grant written permissions")
    root = User.objects.create_superuser("root", password="a long enough password")
    assert Actor.of_user(root).can("erase a person's data") and Actor.of_user(root).person_id is None
    assert Actor.of_user(AnonymousUser()) is ANONYMOUS and not ANONYMOUS.can("read the audit log")


def test_every_model_change_has_its_migration_and_the_graph_has_one_leaf_per_app(db: str) -> None:
    """What `makemigrations --check` says: the models and the migrations agree (a merge of two branches
    that each added a migration to one app leaves two leaves, which Django refuses to apply)."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.autodetector import MigrationAutodetector
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
    from django.db.migrations.state import ProjectState

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    assert loader.detect_conflicts() == {}
    changes = MigrationAutodetector(
        loader.project_state(), ProjectState.from_apps(apps), NonInteractiveMigrationQuestioner(dry_run=True)
    ).changes(graph=loader.graph)
    assert changes == {}, {app: [m.name for m in migrations] for app, migrations in changes.items()}
