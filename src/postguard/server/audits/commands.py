"""What ``postguard audit run --store`` and ``postguard audit store`` need of the governance service:
Django configured from the environment (``POSTGUARD_DATA_DIR``, ``POSTGUARD_DATABASE_URL``), the
database up to date, and the sink that stores the run as the system (as the service's other commands
act). Imported only when one of them is asked for."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

from postguard.errors import ArchiveError


@contextlib.contextmanager
def registry_sink(account_ref: str | None) -> Iterator[Any]:
    """A :class:`~postguard.server.audits.services.RegistrySink` for the registry account ``A-n`` (or the
    one matched), usable while the context lasts (database errors as one-line PG616)."""
    from postguard.server.commands import _database, _up_to_date

    with _database():
        _up_to_date()
        from postguard.server.access import SYSTEM
        from postguard.server.audits.services import RegistrySink

        yield RegistrySink(actor=SYSTEM, account=_account(account_ref))


def store_folder(out: str | os.PathLike[str], account_ref: str | None) -> Any:
    """Store the finished audit in ``out``; the stored run."""
    with registry_sink(account_ref) as sink:
        from postguard.server.audits.services import store_audit

        return store_audit(actor=sink.actor, out=out, account=sink.account)


def _account(ref: str | None) -> Any:
    if ref is None:
        return None
    from postguard.server.registry.models import Account

    prefix, _, number = ref.strip().partition("-")
    found = Account.objects.filter(pk=int(number)).first() if prefix == "A" and number.isdigit() else None
    if found is None:
        raise ArchiveError("PG558", value=ref)
    return found
