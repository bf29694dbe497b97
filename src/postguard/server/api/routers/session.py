"""The caller: who am I, signing in and out of a browser session."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import logout
from django.http import HttpRequest
from django.middleware.csrf import get_token
from ninja import Router, Schema

from postguard.server.api.auth import Caller, caller_of, check_csrf
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.schemas import Done, ErrorOut, In, Short
from postguard.server.tokens.services import sign_in

router = Router(tags=["session"])


class TokenInfo(Schema):
    id: int
    ref: str
    scopes: list[str]
    expires_at: dt.datetime


class WhoAmI(Schema):
    authenticated: bool
    via: str | None = None  # "session" or "token"
    user_id: int | None = None
    username: str | None = None
    person: str | None = None  # the registry person, P-n
    roles: list[str]
    token: TokenInfo | None = None


class SignIn(In):
    username: Short
    password: Short


def whoami_of(request: HttpRequest, caller: Caller) -> WhoAmI:
    actor = caller.actor
    if actor.user_id is None:
        return WhoAmI(authenticated=False, roles=[])
    token = caller.token
    username = token.user.get_username() if token is not None else request.user.get_username()
    return WhoAmI(
        authenticated=True,
        via=caller.via,
        user_id=actor.user_id,
        username=username,
        person=f"P-{actor.person_id}" if actor.person_id else None,
        roles=sorted(actor.roles),
        token=TokenInfo(id=token.pk, ref=token.ref, scopes=list(token.scopes), expires_at=token.expires_at)
        if token is not None
        else None,
    )


@router.get("", auth=None, response={200: WhoAmI, ERROR_STATUSES: ErrorOut}, summary="Who am I")
def whoami(request: HttpRequest) -> WhoAmI:
    """The caller (a session or a token), or ``authenticated: false``. Sets the ``csrftoken`` cookie a
    browser sends back as ``X-CSRFToken`` on changes."""
    get_token(request)
    return whoami_of(request, caller_of(request))


@router.post("", auth=None, response={200: WhoAmI, ERROR_STATUSES: ErrorOut}, summary="Sign in")
def sign_in_route(request: HttpRequest, body: SignIn) -> WhoAmI:
    """Sign in to a browser session (needs the CSRF token, like every change made with cookies). Failed
    attempts are limited per account and per address (PG679)."""
    check_csrf(request)
    sign_in(request, body.username, body.password)
    return whoami_of(request, caller_of(request))


@router.delete("", auth=None, response={200: Done, ERROR_STATUSES: ErrorOut}, summary="Sign out")
def sign_out(request: HttpRequest) -> Done:
    check_csrf(request)
    logout(request)
    return Done()
