"""Making, using and revoking API tokens, and signing in with a rate limit.

A token is ``pgt_`` and 43 random URL-safe characters (256 bits). Only its sha256 is stored; the token is
returned once, by :func:`token_create`. Making and revoking one appends an audit entry that names the
token's id (``TK-5``), its user, name, scopes and expiry, never the token.

Examples::

    new = token_create(actor=actor, user=user, name="proxy", scopes=["proxy-export"], days=30)
    new.secret                      # 'pgt_...': show it to the user now; it cannot be read back
    authenticate_token(new.secret)  # the ApiToken, or None (unknown, revoked, expired, its user inactive)
    token_revoke(actor=actor, token=new.token)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import authenticate, login
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from postguard.errors import GovernanceError
from postguard.server.access import Actor, require
from postguard.server.auditlog import services as audit
from postguard.server.tokens.models import ApiToken, SignInFailure
from postguard.server.tokens.scopes import Scope

TOKEN_PREFIX = "pgt_"
_TOKEN = re.compile(r"pgt_[A-Za-z0-9_-]{43}")
DEFAULT_DAYS = 90
MAX_DAYS = 366
# last_used_at is written at most once a minute per token (not a write on every request)
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)

# Sign-in rate limit: failed attempts within the window, per account and per address.
SIGN_IN_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 50


@dataclass(frozen=True, slots=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once; never stored


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def check_scopes(scopes: Iterable[str]) -> list[str]:
    out = sorted(set(scopes))
    if not out:
        raise GovernanceError("PG681", scope="", allowed=", ".join(Scope))
    for scope in out:
        if scope not in Scope.__members__.values():
            raise GovernanceError("PG681", scope=scope, allowed=", ".join(Scope))
    return out


def _own_or_others(actor: Actor, user_id: int) -> None:
    if actor.user_id != user_id:
        require(actor, "manage others' API tokens")


@transaction.atomic
def token_create(*, actor: Actor, user_id: int, name: str, scopes: Iterable[str], days: int = DEFAULT_DAYS) -> NewToken:
    """A new token for the user ``user_id`` (one's own, or anyone's for an administrator), lasting ``days``."""
    _own_or_others(actor, user_id)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise GovernanceError("PG684", user=f"user {user_id}")
    chosen = check_scopes(scopes)
    if not 1 <= days <= MAX_DAYS:
        raise GovernanceError("PG682", low=1, high=MAX_DAYS, days=days)
    label = " ".join(name.split())[:100]
    if not label:
        raise GovernanceError("PG629", field="name", reason="name the token (what or who uses it)")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=label,
        prefix=secret[:12],
        digest=digest(secret),
        scopes=chosen,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    payload = {"user": f"user:{user.pk}", "name": label, "scopes": chosen, "expires": token.expires_at.isoformat()}
    audit.append(
        actor=actor, action="tokens.create", object_type="tokens.apitoken", object_id=token.ref, payload=payload
    )
    return NewToken(token, secret)


@transaction.atomic
def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke a token (one's own, or anyone's for an administrator): it is refused from now on."""
    _own_or_others(actor, token.user_id)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise GovernanceError("PG683", token=token.ref)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.append(
        actor=actor,
        action="tokens.revoke",
        object_type="tokens.apitoken",
        object_id=token.ref,
        payload={"user": f"user:{token.user_id}"},
    )
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """The live token ``secret`` is, with its user; None when it is malformed, unknown, revoked, expired,
    or its user is inactive. Notes when it was last used (to the minute)."""
    if not _TOKEN.fullmatch(secret):
        return None
    now = timezone.now()
    token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if token is None or token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def request_address(request: HttpRequest) -> str:
    """The address a sign-in comes from (the socket's peer: the service answers on loopback or behind a
    proxy it is configured for, and trusts no forwarded header)."""
    return str(request.META.get("REMOTE_ADDR") or "")[:45]


def sign_in_allowed(username: str, address: str) -> None:
    """Refuse a sign-in (PG679) when the account or the address has too many recent failures.

    More than :data:`MAX_FAILURES_PER_ACCOUNT` failures for the account, or :data:`MAX_FAILURES_PER_ADDRESS`
    from the address, within :data:`SIGN_IN_WINDOW` refuse further tries without checking the password,
    until the oldest failure leaves the window. Failures older than the window are forgotten here.
    """
    now = timezone.now()
    since = now - SIGN_IN_WINDOW
    SignInFailure.objects.filter(at__lt=since).delete()
    recent = SignInFailure.objects.filter(at__gte=since)
    for what, rows, limit in (
        ("account", recent.filter(username=username[:150].lower()), MAX_FAILURES_PER_ACCOUNT),
        ("address", recent.filter(address=address), MAX_FAILURES_PER_ADDRESS),
    ):
        if rows.count() >= limit:
            oldest = rows.order_by("at").values_list("at", flat=True).first() or now
            minutes = max(1, int((oldest + SIGN_IN_WINDOW - now).total_seconds() // 60) + 1)
            raise GovernanceError("PG679", what=what, minutes=minutes)


def note_sign_in_failure(username: str, address: str) -> None:
    """Record a failed sign-in at once (not in a transaction that its own error would roll back)."""
    SignInFailure.objects.create(username=username[:150].lower(), address=address, at=timezone.now())


def note_sign_in(username: str) -> None:
    """A success clears the account's failures."""
    SignInFailure.objects.filter(username=username[:150].lower()).delete()


def sign_in(request: HttpRequest, username: str, password: str) -> User:
    """Sign ``username`` in on ``request``'s session, within the rate limit (:func:`sign_in_allowed`):
    PG679 when limited, PG685 when the name or password is wrong."""
    address = request_address(request)
    sign_in_allowed(username, address)
    user = authenticate(request, username=username[:150], password=password)
    if not isinstance(user, User):
        note_sign_in_failure(username, address)
        raise GovernanceError("PG685")
    login(request, user)
    note_sign_in(username)
    return user
