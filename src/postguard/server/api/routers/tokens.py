"""API tokens: one's own (an administrator's: everyone's), made and revoked from a signed-in session."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from postguard.server.api.auth import session_actor
from postguard.server.api.problems import ERROR_STATUSES, ApiError
from postguard.server.api.routers.common import Paging, PathId, page
from postguard.server.api.schemas import ErrorOut, Id, In, Name, Page
from postguard.server.tokens import selectors, services
from postguard.server.tokens.models import ApiToken
from postguard.server.tokens.scopes import Scope

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    ref: str
    user_id: int
    name: str
    prefix: str = Field(description="the token's first 12 characters, to tell tokens apart")
    scopes: list[str]
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(description="the token itself: shown this once, never stored")


class TokenIn(In):
    name: Name
    scopes: list[Scope] = Field(min_length=1, max_length=len(Scope))
    days: int = Field(default=services.DEFAULT_DAYS, ge=1, le=services.MAX_DAYS)
    user_id: Id | None = Field(default=None, description="whose token (an administrator's choice); default: mine")


def token_out(token: ApiToken) -> TokenOut:
    return TokenOut(
        id=token.pk,
        ref=token.ref,
        user_id=token.user_id,
        name=token.name,
        prefix=token.prefix,
        scopes=list(token.scopes),
        created_at=token.created_at,
        expires_at=token.expires_at,
        revoked_at=token.revoked_at,
        last_used_at=token.last_used_at,
    )


@router.get("", response={200: Page[TokenOut], ERROR_STATUSES: ErrorOut}, summary="List API tokens")
def list_tokens(request: HttpRequest, paging: Query[Paging]) -> Page[TokenOut]:
    actor = session_actor(request)
    return page(selectors.tokens_visible_to(actor), paging, token_out)


@router.post("", response={201: NewTokenOut, ERROR_STATUSES: ErrorOut}, summary="Make an API token")
def create_token(request: HttpRequest, body: TokenIn) -> Status[NewTokenOut]:
    """A new token, returned this once. Scopes: ``read``, ``write``, ``check``, ``proxy-export``."""
    actor = session_actor(request)
    user_id = body.user_id if body.user_id is not None else actor.user_id
    if user_id is None:
        raise ApiError("PG672")
    new = services.token_create(actor=actor, user_id=user_id, name=body.name, scopes=body.scopes, days=body.days)
    return Status(201, NewTokenOut(**token_out(new.token).model_dump(), token=new.secret))


@router.post("/{token_id}/revoke", response={200: TokenOut, ERROR_STATUSES: ErrorOut}, summary="Revoke an API token")
def revoke_token(request: HttpRequest, token_id: PathId) -> TokenOut:
    actor = session_actor(request)
    token = selectors.tokens_visible_to(actor).filter(pk=token_id).first()
    if token is None:
        raise ApiError("PG675", what=f"token {token_id}")
    return token_out(services.token_revoke(actor=actor, token=token))
