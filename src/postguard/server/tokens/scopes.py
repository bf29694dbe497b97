"""What an API token may do: its scopes, and the scope each permission needs.

A token acts for its user, but only within its scopes: the actor it makes holds the permissions
:data:`PERMISSION_SCOPES` maps to one of the token's scopes (``Actor.limited_to``), and only those its
user's roles hold. A permission mapped to ``None`` is never exercised with a token; a permission missing
from the table is refused to every token (a test keeps the table complete).

Each API route also names the scope a token needs to call it (``read`` for reading, ``write`` for
changes, ``check`` for checking posts, ``proxy-export`` for the proxy's access-withdrawal lists).
``write`` includes ``read``: a change names objects the caller must be able to see.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from postguard.server.access import DECIDING_ROLES, Role, decide_permission


class Scope(StrEnum):
    READ = "read"
    WRITE = "write"
    CHECK = "check"
    PROXY_EXPORT = "proxy-export"


# A scope that includes others.
IMPLIES: dict[Scope, frozenset[Scope]] = {Scope.WRITE: frozenset({Scope.READ})}

# The tokens app's own permissions (added to access.PERMISSIONS when the app loads).
TOKEN_PERMISSIONS: dict[str, frozenset[Role]] = {
    "manage others' API tokens": frozenset(),  # administrators only
}

PERMISSION_SCOPES: dict[str, Scope | None] = {
    # the registry
    "manage the registry": Scope.WRITE,
    "record consents": Scope.WRITE,
    "grant written permissions": Scope.WRITE,
    "set standing permissions": Scope.WRITE,
    "authorise research photos": Scope.WRITE,
    "authorise photos of children": Scope.WRITE,
    "record licences": Scope.WRITE,
    "erase a person's data": Scope.WRITE,
    "read the whole registry": Scope.READ,
    "read the audit log": Scope.READ,
    # checks, approvals, incidents, access withdrawals
    "run checks": Scope.CHECK,
    "read every check": Scope.READ,
    "submit posts for approval": Scope.WRITE,
    "withdraw approvals": Scope.WRITE,
    **{decide_permission(role): Scope.WRITE for role in DECIDING_ROLES},
    "read every approval": Scope.READ,
    "lapse approvals": Scope.WRITE,
    "report misuse": Scope.WRITE,
    "handle incidents": Scope.WRITE,
    "read incidents awaiting triage": Scope.READ,
    "triage incidents": Scope.WRITE,
    "read their departments' incidents": Scope.READ,
    "read every incident": Scope.READ,
    "withdraw access to sites": Scope.WRITE,
    "export access withdrawals": Scope.PROXY_EXPORT,
    # never with a token: making administrators, and tokens themselves (a token cannot mint another)
    "create administrators": None,
    "manage others' API tokens": None,
}


def effective(scopes: Iterable[str]) -> frozenset[Scope]:
    """The scopes a token holds: those it was given and those they include."""
    held = {Scope(s) for s in scopes if s in Scope.__members__.values()}
    return frozenset(held.union(*(IMPLIES.get(s, frozenset()) for s in held)))


def permissions_of(scopes: Iterable[str]) -> frozenset[str]:
    """The permissions a token with ``scopes`` may exercise (if its user's roles hold them)."""
    held = effective(scopes)
    return frozenset(p for p, scope in PERMISSION_SCOPES.items() if scope is not None and scope in held)
