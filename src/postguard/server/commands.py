"""The governance service's commands, added to ``postguard`` by :mod:`postguard.cli`: ``serve``,
``db upgrade``, ``log verify``, ``approvals lapse``, ``access export`` and ``token create|list|revoke``.
Django is imported only when one of them runs, so ``postguard check`` never loads it.

Examples::

    postguard serve                       # http://127.0.0.1:8000/ (migrates and makes an admin on first run)
    POSTGUARD_DATABASE_URL=postgres://postguard@db/postguard postguard db upgrade
    postguard log verify                  # exit 0: the audit log's chain is intact; 1: names the first broken entry
    postguard approvals lapse             # lapse the approvals whose scheduled time has passed (run it from cron)
    postguard access export --format squid --out /etc/squid/postguard.conf --force
    postguard token create --user proxy --scope proxy-export   # prints the token once
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from postguard.errors import GovernanceError


def _configured() -> None:
    from postguard.server.app import configure
    from postguard.server.settings import ServerSettings

    configure(ServerSettings.from_env())


@contextlib.contextmanager
def _database() -> Iterator[None]:
    """Django configured from the environment; a database that cannot be reached is a one-line error."""
    _configured()
    from django.db import DatabaseError, InterfaceError

    try:
        yield
    except (InterfaceError, DatabaseError) as exc:
        if exc.__class__.__name__ not in {"OperationalError", "InterfaceError"}:
            raise
        reason = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
        raise GovernanceError("PG616", reason=reason) from exc


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, workers: int) -> None:
    """Run the governance service: registry, audit log and admin.

    On first run it creates the database (SQLite in the data folder unless POSTGUARD_DATABASE_URL names
    one), applies the migrations, makes an administrator and prints the password once.

    \b
        postguard serve
        postguard serve --port 8080
    """
    from postguard.server.app import current
    from postguard.server.serve import check_can_listen, is_loopback, run
    from postguard.server.setup import first_run, sign_in_help

    check_can_listen(host, port)  # before the sign-in address (or a new password) is printed
    with _database():
        setup = first_run()
    settings = current()
    url_host = f"[{host.strip('[]')}]" if ":" in host else host
    for line in sign_in_help(setup, f"http://{url_host}:{port}/"):
        click.echo(line)
    click.echo(f"postguard: data in {settings.describe_database()}")
    if not is_loopback(host):
        click.echo(
            f"postguard: listening on {host}, beyond this machine: put it behind HTTPS and set POSTGUARD_ALLOWED_HOSTS",
            err=True,
        )
    run(settings, host=host, port=port, workers=workers)


@click.group()
def db() -> None:
    """The governance service's database."""


@db.command()
def upgrade() -> None:
    """Apply the pending migrations (creating the database on first run).

    \b
        postguard db upgrade
    """
    from postguard.server.app import current
    from postguard.server.setup import upgrade as apply

    with _database():
        applied = apply()
    where = current().describe_database()
    click.echo(f"postguard: applied {len(applied)} migrations to {where}" if applied else f"{where} is up to date")


@click.group()
def log() -> None:
    """The governance service's audit log."""


@log.command()
def verify() -> None:
    """Walk the audit log's hash chain: exit 0 when intact, 1 naming the first edited, deleted or
    reordered entry.

    \b
        postguard log verify
    """
    with _database():
        from postguard.server.auditlog.selectors import verify_log

        _up_to_date()
        result = verify_log()
    click.echo(result.describe())
    sys.exit(0 if result.ok else 1)


@click.group()
def token() -> None:
    """API tokens for scripts and the proxy (Authorization: Bearer pgt_...)."""


@token.command("create")
@click.option("--user", "username", required=True, help="The user the token acts for.")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(["read", "write", "check", "proxy-export"]),
    help="What the token may do (repeatable); write includes read.",
)
@click.option("--name", default="", help="What or who uses it (default: the scopes).")
@click.option("--days", default=90, show_default=True, type=click.IntRange(1, 366), help="How long it lasts.")
def token_create(username: str, scopes: tuple[str, ...], name: str, days: int) -> None:
    """Make a token and print it once (only its sha256 is kept).

    \b
        postguard token create --user proxy --scope proxy-export --name "Squid proxy" --days 365
        postguard token create --user ada --scope read --scope write
    """
    with _database():
        from postguard.server.access import SYSTEM
        from postguard.server.tokens.services import token_create as create

        _up_to_date()
        new = create(actor=SYSTEM, user_id=_user_id(username), name=name or " ".join(scopes), scopes=scopes, days=days)
    click.echo(
        f"postguard: made {new.token.ref} for {username} ({', '.join(new.token.scopes)}), "
        f"expires {new.token.expires_at:%Y-%m-%d %H:%M} UTC; the token (shown this once):",
        err=True,
    )
    click.echo(new.secret)


@token.command("list")
@click.option("--user", "username", default=None, help="Only this user's tokens.")
def token_list(username: str | None) -> None:
    """List tokens: id, user, prefix, scopes, expiry, revoked, last used (never the tokens themselves)."""
    with _database():
        from postguard.server.access import SYSTEM
        from postguard.server.tokens.selectors import tokens_visible_to

        _up_to_date()
        tokens = tokens_visible_to(SYSTEM)
        if username is not None:
            tokens = tokens.filter(user_id=_user_id(username))
        rows = list(tokens)
    for t in rows:
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else f"expires {t.expires_at:%Y-%m-%d}"
        used = f"last used {t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
        click.echo(f"{t.ref}\t{t.user.get_username()}\t{t.prefix}...\t{','.join(t.scopes)}\t{state}\t{used}\t{t.name}")


@token.command("revoke")
@click.argument("token_id")
def token_revoke(token_id: str) -> None:
    """Revoke a token by its id (TK-5 or 5): it is refused from now on.

    \b
        postguard token revoke TK-5
    """
    number = token_id.removeprefix("TK-")
    if not number.isdigit() or len(number) > 18:
        raise GovernanceError("PG629", field="TOKEN_ID", reason=f"{token_id!r} is not a token id (TK-5 or 5)")
    with _database():
        from postguard.server.access import SYSTEM
        from postguard.server.tokens.models import ApiToken
        from postguard.server.tokens.services import token_revoke as revoke

        _up_to_date()
        found = ApiToken.objects.filter(pk=int(number)).first()
        if found is None:
            raise GovernanceError("PG675", what=f"token TK-{int(number)}")
        revoke(actor=SYSTEM, token=found)
    click.echo(f"postguard: revoked TK-{int(number)}")


def _up_to_date() -> None:
    from postguard.server.setup import pending_migrations

    pending = pending_migrations()
    if pending:
        raise GovernanceError("PG617", count=len(pending))


def _time(value: str | None) -> dt.datetime | None:
    """``--at``: an ISO 8601 time; one without an offset is the service's local time (Europe/London)."""
    if value is None:
        return None
    from django.utils import timezone

    from postguard.post_input import parse_time

    when = parse_time(value)
    return timezone.make_aware(when) if timezone.is_naive(when) else when


@click.group()
def approvals() -> None:
    """Approvals of official accounts' posts."""


@approvals.command("lapse")
@click.option(
    "--at", "at", metavar="ISO-TIME",
    help="Lapse what was due at this past time (default: now); a future time only with --dry-run (PG665).",
)  # fmt: skip
@click.option("--dry-run", is_flag=True, help="Only list what would lapse; change nothing.")
def approvals_lapse(at: str | None, dry_run: bool) -> None:
    """Lapse every submitted or approved post whose scheduled time has passed; prints how many lapsed.
    Run it every few minutes (cron or a systemd timer).

    \b
        postguard approvals lapse
        postguard approvals lapse --dry-run --at 2026-12-04T18:00Z   # what would lapse then
    """
    with _database():
        from postguard.server.access import SYSTEM
        from postguard.server.approvals.services import lapse

        _up_to_date()
        lapsed = lapse(actor=SYSTEM, now=_time(at), dry_run=dry_run)
    refs = f": {', '.join(a.ref for a in lapsed)}" if lapsed else ""
    verb = "would lapse (dry run: nothing changed)" if dry_run else "lapsed"
    click.echo(f"postguard: {len(lapsed)} approval{'' if len(lapsed) == 1 else 's'} {verb}{refs}")


@click.group()
def access() -> None:
    """Access to sites withdrawn through the University's servers (G31, G53)."""


@access.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["squid", "domains"]), default="squid", show_default=True,
    help="A Squid ACL file to include, or a plain list of domains.",
)  # fmt: skip
@click.option("--at", "at", metavar="ISO-TIME", help="The withdrawals in force at this time (default: now).")
@click.option("--out", "out", metavar="FILE", help="Write to FILE (atomically) instead of standard output.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def access_export_command(fmt: str, at: str | None, out: str | None, force: bool) -> None:
    """Export the access withdrawals in force for the University's proxy.

    \b
        postguard access export --format squid --out /etc/squid/postguard-withdrawals.conf --force
        postguard access export --format domains --at 2026-12-24T12:00Z
    """
    with _database():
        from postguard.server.access import SYSTEM
        from postguard.server.incidents.export import access_export, write_export

        _up_to_date()
        text = access_export(actor=SYSTEM, fmt=fmt, at=_time(at))
    if out is None:
        click.echo(text, nl=False)
        return
    write_export(text, Path(out), force=force)
    click.echo(f"postguard: wrote {out}", err=True)


def _user_id(username: str) -> int:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise GovernanceError("PG684", user=repr(username))
    return int(user.pk)
