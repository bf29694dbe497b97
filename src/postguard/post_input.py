"""The one input model of a post, at every edge: the CLI's options, a JSON line, a Python ``Post``.

Each edge hands the model what it has (raw JSON values, option strings, or a ``Post`` built in Python)
and gets back a checked :class:`~postguard.types.Post` or an error whose one-line message names the
field: ``'expires' must be a date, YYYY-MM-DD, not int``. pydantic checks the types (strictly: a number
is no string, ``true`` is no id); the conversions every edge shares (an ISO time, a record's codes, the
account kind) are here once. Limits that depend on the policy pack (text length, photo count) are
checked by :func:`check_limits`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from postguard.codes import CODES, is_local_code
from postguard.errors import InputError, UsageError
from postguard.policy.pack import PolicyPack
from postguard.types import MAX_RECORD_ID_CHARS, PLATFORMS, RECORD_KINDS, AccountKind, Post, Record

# What each field must be, as a message says it.
_WHAT = {
    "text": "a string",
    "photos": "a list of paths",
    "account": "a string",
    "bio": "a string",
    "platform": "a string",
    "scheduled_at": "an ISO 8601 time",
    "records": "a list of record objects",
    "id": "a string or a number",
    "markdown": "true or false",
    "account_id": "a string",
    "kind": "a string",
    "covers": "a list of rule codes",
    "expires": "a date, YYYY-MM-DD",
    "revoked": "true or false",
    "granted_by": "a string",
    "subject": "a string",
}


class RecordInput(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    id: str | int
    kind: str
    covers: list[str]
    expires: str | dt.date | None = None
    revoked: bool = False
    granted_by: str | None = None
    subject: str | None = None
    account: str | None = None
    photos: list[str] = []

    @field_validator("covers", "photos", mode="before")
    @classmethod
    def _tuple_as_list(cls, value: Any) -> Any:
        return list(value) if isinstance(value, tuple) else value

    @field_validator("id")
    @classmethod
    def _id(cls, value: str | int) -> str | int:
        _id_digits(value)
        return value

    def to_record(self) -> Record:
        rid = str(self.id)
        expires = (
            self.expires if not isinstance(self.expires, str) else _date(self.expires, rid) if self.expires else None
        )
        return record_from(
            rid,
            self.kind,
            self.covers,
            expires,
            self.revoked,
            self.granted_by,
            subject=self.subject,
            account=self.account,
            photos=tuple(self.photos),
        )


class PostInput(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, arbitrary_types_allowed=True)

    text: str = ""
    photos: list[str] = []
    account: str = "personal"
    bio: str | None = ""
    platform: str | None = "generic"
    scheduled_at: str | dt.datetime | None = None
    records: list[RecordInput] = []
    id: str | int | None = None
    markdown: bool = False
    account_id: str | None = None

    @field_validator("photos", mode="before")
    @classmethod
    def _paths(cls, value: Any) -> Any:
        """A tuple of paths, or ``pathlib.Path`` objects, from Python; a single string is not a list."""
        if isinstance(value, tuple | list):
            return [os.fspath(v) if isinstance(v, os.PathLike) else v for v in value]
        return value

    @field_validator("records", mode="before")
    @classmethod
    def _records(cls, value: Any) -> Any:
        """``postguard.Record`` objects from Python are read as their fields."""
        if isinstance(value, tuple | list):
            return [_record_fields(r) if isinstance(r, Record) else r for r in value]
        return value

    @field_validator("id")
    @classmethod
    def _id(cls, value: str | int | None) -> str | int | None:
        _id_digits(value)
        return value

    def to_post(self) -> Post:
        when = self.scheduled_at
        return Post(
            text=self.text,
            photos=tuple(self.photos),
            account=parse_account(self.account),
            bio=self.bio or "",
            platform="generic" if self.platform is None else parse_platform(self.platform),
            scheduled_at=parse_time(when) if isinstance(when, str) else _in_range(when),
            records=tuple(r.to_record() for r in self.records),
            id=None if self.id is None else str(self.id),
            markdown=self.markdown,
            account_id=self.account_id,
        )


def _id_digits(value: object) -> None:
    """An id given as a number becomes its digits: one with more than Python converts to a string
    (``sys.get_int_max_str_digits()``, 4,300 by default) is refused here, not when it is used."""
    if isinstance(value, int):
        try:
            str(value)
        except ValueError:
            raise PydanticCustomError("too_many_digits", "a number of too many digits") from None


def post_from_fields(fields: Any) -> Post:
    """A post from its fields (a JSON object, or the CLI's options as a dict); raises InputError or
    UsageError with a one-line message naming the field."""
    if not isinstance(fields, dict):
        raise InputError("PG110")
    try:
        return PostInput.model_validate(fields).to_post()
    except ValidationError as exc:
        code, values = _problem(exc)
        raise InputError(code, **values) from None


def checked(post: Post) -> Post:
    """A ``Post`` built in Python, its every field checked through the same model."""
    if not isinstance(post, Post):
        raise InputError("PG106", got=type(post).__name__)
    fields = {name: getattr(post, name) for name in Post.__dataclass_fields__}
    if isinstance(fields["account"], AccountKind):
        fields["account"] = fields["account"].value
    return post_from_fields(fields)


def check_limits(post: Post, pack: PolicyPack) -> None:
    """The limits the policy pack sets, and a post that has nothing to check."""
    if len(post.text) > pack.max_text_chars:
        raise InputError("PG101", length=len(post.text), limit=pack.max_text_chars)
    if len(post.bio) > pack.max_text_chars:
        raise InputError("PG102", limit=pack.max_text_chars)
    if not post.text.strip() and not post.photos:
        raise InputError("PG103")
    if "\x00" in post.text:
        raise InputError("PG104")
    if len(post.photos) > pack.max_photos:
        raise InputError("PG105", count=len(post.photos), limit=pack.max_photos)


def _problem(exc: ValidationError) -> tuple[str, dict[str, Any]]:
    """The error code and values of pydantic's first complaint, naming the field."""
    errors = exc.errors()
    extra = sorted({_name(e["loc"][-1]) for e in errors if e["type"] == "extra_forbidden" and len(e["loc"]) == 1})
    if extra:
        return "PG113", {"fields": ", ".join(extra)}
    first = errors[0]
    # the field names on the error's path (a union adds the member type tried: ('id', 'str'))
    loc = [part for part in first["loc"] if isinstance(part, str) and (part in _WHAT or part == "records")]
    in_record = bool(loc) and loc[0] == "records" and len(loc) > 1
    name = loc[-1] if loc else "post"
    if in_record and (first["type"] == "missing" or (name == "id" and first["input"] is None)):
        return "PG114", {}
    if first["type"] == "extra_forbidden":
        return "PG115", {"field": _cut(str(first["loc"][-1]))}  # quoted by the message
    if first["type"] == "too_many_digits":
        return "PG139", {"field": name, "limit": sys.get_int_max_str_digits()}
    what = _WHAT.get(name, "of another type")
    value = first.get("input")
    if name in ("photos", "covers") and isinstance(value, list):
        return "PG112", {"field": name, "what": what}  # the list is right; an item in it is not
    return "PG111", {"field": name, "what": what, "got": type(value).__name__}


def _name(key: object) -> str:
    """An unknown field's name as a one-line message shows it: cut short, and quoted where it holds a
    line break or another control."""
    name = _cut(str(key))
    return name if name.isprintable() else ascii(name)


def _cut(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _record_fields(record: Record) -> dict[str, Any]:
    return {
        "id": record.id,
        "kind": record.kind,
        "covers": list(record.covers) if isinstance(record.covers, tuple | list) else record.covers,
        "expires": record.expires,
        "revoked": record.revoked,
        "granted_by": record.granted_by,
        "subject": record.subject,
        "account": record.account,
        "photos": list(record.photos),
    }


def parse_time(value: str) -> dt.datetime:
    """An ISO 8601 time ("Z" for UTC); one whose offset takes it past the calendar's ends is refused, and
    so is an empty one (``--at "$WHEN"`` with WHEN unset): it would leave working hours unchecked."""
    if not value.strip():
        raise UsageError("PG227")
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError("PG210", value=value) from None
    return _in_range(when) or when


def _in_range(when: dt.datetime | None) -> dt.datetime | None:
    """``when``, if it can be converted to any time zone (9999-12-31T23:59-12:00 cannot: it is past the
    calendar's end in UTC, and every working-hours check would overflow)."""
    if when is None or when.tzinfo is None:
        return when
    try:
        when.astimezone(dt.UTC)
        (when + dt.timedelta(days=1)).astimezone(dt.UTC)
        (when - dt.timedelta(days=1)).astimezone(dt.UTC)
    except OverflowError:
        raise UsageError("PG211", value=when.isoformat()) from None
    return when


def parse_account(value: str) -> AccountKind:
    try:
        return AccountKind(value.strip().lower())
    except ValueError:
        raise UsageError("PG212", value=value) from None


def parse_platform(value: str) -> str:
    """One of :data:`~postguard.types.PLATFORMS`, in any case; anything else (an empty name too: an unset
    variable) is refused with the list, never checked as some other platform."""
    name = value.strip().lower()
    if name not in PLATFORMS:
        raise UsageError("PG217", value=value)
    return name


def _record_id(rid: str) -> None:
    """A record id is shown in reports (``lifted_by``) and on terminals: short, printable, one line."""
    if len(rid) > MAX_RECORD_ID_CHARS:
        raise UsageError("PG218", value=rid, problem=f"is {len(rid):,} characters long", limit=MAX_RECORD_ID_CHARS)
    if not rid.isprintable():  # controls, line breaks, bidi overrides and zero-width characters
        raise UsageError("PG218", value=rid, problem="holds control characters", limit=MAX_RECORD_ID_CHARS)


def _date(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError("PG213", value=value, where=where) from None


def record_from(
    rid: str,
    kind: str,
    covers: Iterable[str],
    expires: dt.date | None,
    revoked: bool = False,
    granted_by: str | None = None,
    *,
    subject: str | None = None,
    account: str | None = None,
    photos: tuple[str, ...] = (),
) -> Record:
    _record_id(rid)
    if kind not in RECORD_KINDS:
        raise UsageError("PG214", value=kind, kinds=", ".join(RECORD_KINDS))
    codes = tuple(c.strip().upper() for c in covers if c.strip())
    for code in codes:
        if code not in CODES and not is_local_code(code):
            raise UsageError("PG215", record=rid, code=code)
    return Record(rid, kind, codes, granted_by, expires, revoked, subject, account, photos)


def parse_record_option(value: str) -> dict[str, Any]:
    """``ID:KIND:CODE[,CODE…][:EXPIRES]`` as given to ``--record``, as a record's fields."""
    parts = value.split(":")
    if len(parts) not in (3, 4) or not all(parts[:3]):
        raise UsageError("PG216", value=value)
    expires = _date(parts[3], value) if len(parts) == 4 and parts[3] else None
    return {"id": parts[0], "kind": parts[1], "covers": parts[2].split(","), "expires": expires}
