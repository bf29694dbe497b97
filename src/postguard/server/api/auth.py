"""Who is calling: an API token (``Authorization: Bearer pgt_...``) for scripts and the proxy, or the
browser's signed-in session, with Django's CSRF check on every change.

A token's caller acts for its user, limited to the permissions its scopes allow; each route also names
the scope a token needs (:func:`act`). A session's caller acts with its user's roles. A request that
sends a bearer token is judged by the token alone, whatever cookies it carries.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware
from ninja.security import APIKeyCookie, HttpBearer

from postguard.server.access import ANONYMOUS, Actor
from postguard.server.api.problems import ApiError
from postguard.server.tokens.models import ApiToken
from postguard.server.tokens.scopes import Scope, effective, permissions_of
from postguard.server.tokens.services import authenticate_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


@dataclass(frozen=True, slots=True)
class Caller:
    """Who a request acts for: the actor, and the token it came with (None: a session)."""

    actor: Actor
    token: ApiToken | None = None

    @property
    def via(self) -> str:
        return "token" if self.token is not None else "session"


def token_caller(token: ApiToken) -> Caller:
    actor = dataclasses.replace(Actor.of_user(token.user), limited_to=permissions_of(token.scopes))
    return Caller(actor, token)


class _CsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check, keeping the reason it refuses for."""

    def _reject(self, request: HttpRequest, reason: str) -> HttpResponse:
        response = HttpResponseForbidden()
        response["X-Csrf-Reason"] = reason
        return response


def check_csrf(request: HttpRequest) -> None:
    """Refuse a change made with a session cookie that lacks the CSRF token (PG678)."""
    if request.method in SAFE_METHODS:
        return
    response = _CsrfCheck(lambda r: HttpResponse()).process_view(request, lambda r: HttpResponse(), (), {})
    if response is not None:
        reason = response.get("X-Csrf-Reason", "refused").strip().rstrip(".")
        raise ApiError("PG678", reason=reason)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer pgt_...``: an API token (PG673 when it is not a live one)."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        found = authenticate_token(token)
        if found is None:
            raise ApiError("PG673")
        return token_caller(found)


class SessionAuth(APIKeyCookie):
    """The browser's session (Django's sign-in); changes need the CSRF token."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)  # so the docs page sends the CSRF token; checked in authenticate

    def _get_key(self, request: HttpRequest) -> str | None:
        # CSRF is checked once the session is known to be signed in (an anonymous call is a 401, not a 403)
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        user = request.user
        if not user.is_authenticated:
            return None
        check_csrf(request)
        return Caller(Actor.of_user(user))


TOKEN_AUTH = TokenAuth()
SESSION_AUTH = SessionAuth()
AUTH = [TOKEN_AUTH, SESSION_AUTH]


def caller_of(request: HttpRequest) -> Caller:
    auth: Any = getattr(request, "auth", None)
    if not isinstance(auth, Caller):  # a route without auth: a caller if one is there, else anonymous
        bearer = request.headers.get("Authorization", "")
        if bearer[:7].lower() == "bearer ":
            return TOKEN_AUTH.authenticate(request, bearer[7:])
        session = SESSION_AUTH.authenticate(request, None)
        return session or Caller(ANONYMOUS)
    return auth


def act(request: HttpRequest, scope: Scope) -> Actor:
    """The actor a route acts for; a token needs ``scope`` (PG674)."""
    caller = caller_of(request)
    if caller.token is not None and scope not in effective(caller.token.scopes):
        raise ApiError("PG674", scope=scope.value)
    return caller.actor


def session_actor(request: HttpRequest) -> Actor:
    """The actor of a route that only a signed-in session may call (making and revoking tokens)."""
    caller = caller_of(request)
    if caller.token is not None:
        raise ApiError("PG680")
    return caller.actor
