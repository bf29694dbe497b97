"""Accounts: registering them, their administrators, security settings and standing permissions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from postguard.errors import GovernanceError
from postguard.server.access import Actor, require
from postguard.server.registry.models import (
    Account,
    AccountKind,
    Department,
    Person,
    Platform,
)
from postguard.server.registry.records import STANDING_CODES
from postguard.server.registry.selectors import staff_admins
from postguard.server.registry.services._common import codes_in, day, log


def _check_admins(account_label: str, kind: str, admins: Sequence[Person]) -> None:
    count = len(staff_admins(admins))
    if kind == AccountKind.OFFICIAL and count < 2:
        raise GovernanceError("PG623", account=account_label, count=count)


@transaction.atomic
def account_create(
    *,
    actor: Actor,
    platform: str,
    handle: str,
    kind: str,
    department: Department | None = None,
    owners: Sequence[Person] = (),
    admins: Sequence[Person] = (),
    two_factor: bool = False,
    recovery_contact: str = "",
    last_reviewed: dt.date | None = None,
) -> Account:
    """Register an account. An official account needs at least two staff administrators (G38)."""
    require(actor, "manage the registry")
    if platform not in Platform.values:
        raise GovernanceError("PG629", field="platform", reason=f"use one of {', '.join(Platform.values)}")
    if kind not in AccountKind.values:
        raise GovernanceError("PG629", field="kind", reason=f"use one of {', '.join(AccountKind.values)}")
    _check_admins(f"{platform}:{handle}", kind, admins)
    account = Account.objects.create(
        platform=platform,
        handle=handle,
        kind=kind,
        department=department,
        two_factor=two_factor,
        recovery_contact=recovery_contact,
        last_reviewed=last_reviewed,
    )
    account.owners.set(owners)
    account.admins.set(admins)
    payload = {
        "platform": platform,
        "handle": handle,
        "kind": kind,
        "department": department.code if department else None,
        "owners": sorted(p.ref for p in owners),
        "admins": sorted(p.ref for p in admins),
        "two_factor": two_factor,
        "recovery_contact_set": bool(recovery_contact),
        "last_reviewed": day(last_reviewed),
    }
    log(actor, "account.create", account, payload)
    return account


@transaction.atomic
def account_set_admins(*, actor: Actor, account: Account, admins: Sequence[Person]) -> Account:
    require(actor, "manage the registry")
    _check_admins(account.ref, account.kind, admins)
    account.admins.set(admins)
    log(actor, "account.set-admins", account, {"admins": sorted(p.ref for p in admins)})
    return account


@transaction.atomic
def account_update_security(
    *,
    actor: Actor,
    account: Account,
    two_factor: bool | None = None,
    recovery_contact: str | None = None,
    reviewed_on: dt.date | None = None,
) -> Account:
    """Record the account's security settings after a check, or its review (G38)."""
    require(actor, "manage the registry")
    changes: dict[str, Any] = {}
    if two_factor is not None:
        account.two_factor = changes["two_factor"] = two_factor
    if recovery_contact is not None:
        account.recovery_contact = recovery_contact
        changes["recovery_contact_set"] = bool(recovery_contact)
    if reviewed_on is not None:
        account.last_reviewed = reviewed_on
        changes["last_reviewed"] = reviewed_on.isoformat()
    account.save(update_fields=["two_factor", "recovery_contact", "last_reviewed"])
    log(actor, "account.update-security", account, changes)
    return account


@transaction.atomic
def account_set_standing_permissions(*, actor: Actor, account: Account, codes: Iterable[str]) -> Account:
    """The codes an official account may post without a further record (AU001 for its ordinary notices)."""
    require(actor, "set standing permissions")
    if account.kind != AccountKind.OFFICIAL:
        raise GovernanceError("PG629", field="standing_permissions", reason="only an official account has them")
    account.standing_permissions = codes_in("standing_permissions", codes, STANDING_CODES)
    account.save(update_fields=["standing_permissions"])
    log(actor, "account.set-standing-permissions", account, {"codes": account.standing_permissions})
    return account
