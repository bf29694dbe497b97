"""What the registry's services share: the audit entry, and the checks of codes, photos and dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from postguard.codes import CODES
from postguard.errors import GovernanceError
from postguard.server.access import Actor
from postguard.server.auditlog import services as audit

_SHA256 = re.compile(r"[0-9a-f]{64}")


def log(actor: Actor, action: str, obj: Any, payload: dict[str, Any], personal: dict[str, int] | None = None) -> None:
    ref = getattr(obj, "ref", None) or obj.pk
    audit.append(
        actor=actor,
        action=f"registry.{action}",
        object_type=f"registry.{type(obj).__name__.lower()}",
        object_id=ref,
        payload=payload,
        personal=personal,
    )


def codes_in(field: str, codes: Iterable[str], allowed: Iterable[str]) -> list[str]:
    out = sorted(set(codes))
    for code in out:
        if code not in CODES:
            raise GovernanceError("PG621", code=code, field=field)
        if code not in allowed:
            raise GovernanceError("PG622", field=field, code=code, allowed=", ".join(sorted(allowed)))
    return out


def photo_hashes(field: str, hashes: Iterable[str]) -> list[str]:
    out = []
    for value in hashes:
        digest = value.strip().lower()
        if not _SHA256.fullmatch(digest):
            raise GovernanceError("PG624", field=field, value=value)
        out.append(digest)
    return sorted(set(out))


def check_period(what: str, given: dt.date, expires: dt.date | None) -> None:
    if expires is not None and expires < given:
        raise GovernanceError("PG625", what=what, expires=expires, given=given)


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None
