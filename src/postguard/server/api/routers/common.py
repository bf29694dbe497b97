"""What the routers share: paging, finding one visible object, and the path id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Path, Schema
from pydantic import Field

from postguard.server.api.problems import ApiError
from postguard.server.api.schemas import MAX_ID, PAGE_LIMIT, Page

M = TypeVar("M", bound=Model)
T = TypeVar("T")

# A path id: a positive 64-bit number (anything else is a 422 with the API's error body).
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


class Paging(Schema):
    limit: int = Field(default=100, ge=1, le=PAGE_LIMIT, description="how many items to return")
    offset: int = Field(default=0, ge=0, le=MAX_ID, description="how many to skip")


def page(rows: QuerySet[M], paging: Paging, out: Callable[[M], T]) -> Page[T]:
    """A page of ``rows`` (already filtered for the caller, and ordered)."""
    if not rows.ordered:
        rows = rows.order_by("pk")
    count = rows.count()
    items = [out(row) for row in rows[paging.offset : paging.offset + paging.limit]] if paging.offset < count else []
    return Page[T](count=count, items=items)


def one(rows: QuerySet[M], pk: int, what: str) -> M:
    """The row ``pk`` among those the caller may see; PG675 (404) when there is none: an object the caller
    may not see is not found, rather than refused (its existence is not told)."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise ApiError("PG675", what=f"{what} {pk}")
    return found


def some(rows: QuerySet[M], pks: list[int], what: str) -> list[M]:
    """The rows ``pks`` (each must be visible to the caller), in the order given."""
    found = {row.pk: row for row in rows.filter(pk__in=set(pks))}
    for pk in pks:
        if pk not in found:
            raise ApiError("PG675", what=f"{what} {pk}")
    return [found[pk] for pk in dict.fromkeys(pks)]


def maybe(rows: QuerySet[M], pk: int | None, what: str) -> M | None:
    return None if pk is None else one(rows, pk, what)


def multipart_only(request: HttpRequest) -> None:
    """A route that takes files takes ``multipart/form-data`` (a JSON body would be ignored)."""
    if request.content_type not in ("multipart/form-data", "application/x-www-form-urlencoded"):
        raise ApiError("PG671", where="the request", reason="send multipart/form-data (the fields and any photos)")
