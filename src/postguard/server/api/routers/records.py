"""What the four record routers share: the record's dates and state, and revoking one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Schema
from pydantic import Field

from postguard.server.api.schemas import In, LongText, Short
from postguard.server.registry.services.records import RegistryRecord

Photos = list[Short]


class RecordOut(Schema):
    id: int
    ref: str = Field(description="the id a post cites and a report names")
    given: dt.date
    expires: dt.date | None
    revoked_at: dt.datetime | None
    recorded_at: dt.datetime
    valid_today: bool


class RevokeIn(In):
    reason: LongText = ""


def record_fields(record: RegistryRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "ref": record.ref,
        "given": record.given,
        "expires": record.expires,
        "revoked_at": record.revoked_at,
        "recorded_at": record.recorded_at,
        "valid_today": record.valid_on(timezone.localdate()),
    }
