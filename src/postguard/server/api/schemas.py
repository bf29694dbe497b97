"""What the routes share: the error body, pages of results, ids and text as requests may give them.

Requests are strict: an unknown field is refused, ids are positive 64-bit numbers, text has a length
limit (the column's) and no NUL or lone surrogate (neither database stores them), lists are bounded.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Generic, TypeVar

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints

MAX_ID = 2**63 - 1
MAX_ITEMS = 50  # the longest list a request may give (photos, codes, people)
PAGE_LIMIT = 500

T = TypeVar("T")


def _storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text is not valid Unicode (a lone surrogate)") from None
    return value


def _email(value: str) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError("not an email address") from None
    return value


def _iso(value: object) -> object:
    """Dates and times as ISO 8601 text only (pydantic would also read a number as a Unix time)."""
    if isinstance(value, str) and (value.strip().lstrip("+-").replace(".", "", 1).isdigit() or not value.strip()):
        raise ValueError("use ISO 8601 (2026-12-03, 2026-12-03T14:30:00+00:00)")
    if isinstance(value, int | float):
        raise ValueError("use ISO 8601 text (2026-12-03, 2026-12-03T14:30:00+00:00), not a number")
    return value


Storable = AfterValidator(_storable)
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Ids = Annotated[list[Id], Field(max_length=MAX_ITEMS)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), Storable]
Short = Annotated[str, StringConstraints(max_length=200), Storable]
LongText = Annotated[str, StringConstraints(max_length=5000), Storable]
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", min_length=1, max_length=40)]
Items = Annotated[list[Short], Field(max_length=MAX_ITEMS)]
Email = Annotated[str, StringConstraints(max_length=254), Storable, AfterValidator(_email)]
Day = Annotated[dt.date, BeforeValidator(_iso)]
Moment = Annotated[dt.datetime, BeforeValidator(_iso)]


class In(Schema):
    """A request body: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    code: str = Field(pattern=r"^PG[0-9]{3}$", examples=["PG675"])
    message: str = Field(examples=["person 12 not found"])


class Page(Schema, Generic[T]):
    count: int = Field(description="how many there are in all")
    items: list[T]


class Done(Schema):
    ok: bool = True
