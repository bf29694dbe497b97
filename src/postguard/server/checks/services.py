"""Running a check: the library's engine over a post, with the registry as its record source; the check,
its photos, report and verdict stored, and the audit entry appended.

The engine runs outside any transaction (it reads the registry, and on SQLite a transaction holds the
write lock for as long as it lasts); the check is then written, with its audit entry, in one short one.

Example::

    check = run_check(actor=actor, text="Open day on Saturday!", account=account, photos=[jpeg_bytes])
    check.ref, check.verdict        # ('CK-12', 'warn')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import Actor, require
from postguard.server.auditlog import services as audit
from postguard.server.checks.content import content_hash, photo_path, store_photo
from postguard.server.checks.models import Check, CheckPhoto, Photo
from postguard.server.registry.models import Account, AccountKind, Person, Platform
from postguard.server.registry.records import RegistryRecords
from postguard.server.registry.selectors import accounts_visible_to
from postguard.types import AccountKind as PostAccount
from postguard.types import Post, Record

if TYPE_CHECKING:
    from postguard.engine import Engine

# The platforms a post may name: the registry's, or none in particular
PLATFORMS = (*Platform.values, "generic")
# The kind of record each id prefix names (the library looks a cited record up by its id)
RECORD_PREFIXES = {
    "C": "consent",
    "WP": "written-permission",
    "SP": "written-permission",
    "AZ": "authorisation",
    "L": "licence",
}


def registry_source(post: Post) -> RegistryRecords:
    """The registry as the record source of one post: on the day it is scheduled for (records in force
    then lift its findings), and for its platform (a consent for other channels does not count)."""
    day = timezone.localdate(post.scheduled_at) if post.scheduled_at is not None else None
    return RegistryRecords(platform=post.platform, today=day)


@lru_cache(maxsize=1)
def checking_engine() -> Engine:
    """The process's engine: the University's base pack, the registry as the record source."""
    from postguard.engine import Engine

    return Engine(records=registry_source)


def run_check(
    *,
    actor: Actor,
    text: str,
    account: Account | None = None,
    account_kind: str = AccountKind.PERSONAL,
    platform: str = "generic",
    bio: str = "",
    scheduled_at: dt.datetime | None = None,
    records: Sequence[str] = (),
    photos: Sequence[bytes] = (),
    markdown: bool = False,
    changed_from: Check | None = None,
    engine: Engine | None = None,
) -> Check:
    """Check a post and store the check. A registered ``account`` (one the actor owns or administers) sets
    the account kind and the platform; without one the post is the actor's own (``account_kind``).
    ``records`` are the ids of registry records the post cites (``WP-3``); ``photos`` their bytes.
    ``markdown``: the text is Markdown, read as the CLI reads a ``.md`` file (only its prose counts; the
    findings' spans still point into ``text`` as given). ``changed_from``: the check this post was made
    from (a fix applied to it, or the post changed), recorded on the new check; only the author of a check
    changes it."""
    require(actor, "run checks")
    if actor.user_id is None:
        raise GovernanceError("PG641", what="a check")
    if changed_from is not None and changed_from.author_id != actor.user_id:
        raise AccessDenied("PG601", actor=actor.shown, action=f"change {changed_from.ref}, another's check")
    engine = engine or checking_engine()
    if account is not None:
        if not accounts_visible_to(actor).filter(pk=account.pk).exists() and not actor.can("manage the registry"):
            raise AccessDenied("PG601", actor=actor.shown, action=f"check posts of {account.ref}")
        account_kind, platform = account.kind, account.platform
    _check_fields(account_kind, platform, scheduled_at)
    pack = engine.pack
    if len(photos) > pack.max_photos:
        raise GovernanceError("PG643", count=len(photos), limit=pack.max_photos)
    if len(text) > pack.max_text_chars:
        raise GovernanceError(
            "PG646", reason=f"the text is {len(text):,} characters; the limit is {pack.max_text_chars:,}"
        )
    cited = _cited(records, platform, scheduled_at)
    stored = [store_photo(i, data) for i, data in enumerate(photos, 1)]
    post = Post(
        text,
        photos=tuple(str(photo_path(p)) for p in stored),
        account=PostAccount(account_kind),
        bio=bio,
        platform=platform,
        scheduled_at=scheduled_at,
        records=cited,
        account_id=account.ref if account is not None else None,
        markdown=markdown,
    )
    from postguard.report.model import report_json

    report = engine.check(post)
    if report.error is not None:
        raise GovernanceError("PG646", reason=report.error.message)
    body = report_json(report)
    for error in body.get("photo_errors", []):  # name a photo by its hash, never by where it is stored
        error["path"] = f"sha256:{stored[error['photo']].sha256}"
    return _store(actor, post, account, stored, body, changed_from)


def _check_fields(account_kind: str, platform: str, scheduled_at: dt.datetime | None) -> None:
    if account_kind not in AccountKind.values:
        raise GovernanceError("PG647", field="account_kind", reason=f"use one of {', '.join(AccountKind.values)}")
    if platform not in PLATFORMS:
        raise GovernanceError("PG647", field="platform", reason=f"use one of {', '.join(PLATFORMS)}")
    if scheduled_at is not None and timezone.is_naive(scheduled_at):
        raise GovernanceError("PG647", field="scheduled_at", reason="give the time with its UTC offset")


def _cited(records: Sequence[str], platform: str, scheduled_at: dt.datetime | None) -> tuple[Record, ...]:
    """The records the post cites, each found in the registry and in force for this post."""
    source = registry_source(Post("", platform=platform, scheduled_at=scheduled_at))
    out = []
    for record_id in dict.fromkeys(records):
        prefix = record_id.partition("-")[0]
        if prefix not in RECORD_PREFIXES or source.by_id(record_id) is None:
            raise GovernanceError("PG645", record=record_id)
        out.append(Record(record_id, RECORD_PREFIXES[prefix]))
    return tuple(out)


@transaction.atomic
def _store(
    actor: Actor,
    post: Post,
    account: Account | None,
    photos: list[Photo],
    body: dict[str, object],
    changed_from: Check | None = None,
) -> Check:
    assert actor.user_id is not None
    hashes = [p.sha256 for p in photos]
    person = Person.objects.filter(pk=actor.person_id).first() if actor.person_id is not None else None
    check = Check.objects.create(
        author_id=actor.user_id,
        author_person=person,
        text=post.text,
        bio=post.bio,
        account=account,
        account_kind=post.account.value,
        platform=post.platform,
        scheduled_at=post.scheduled_at,
        cited_records=[r.id for r in post.records],
        markdown=post.markdown,
        content_hash=content_hash(post.text, hashes),
        report=body,
        verdict=str(body["verdict"]),
        changed_from=changed_from,
    )
    CheckPhoto.objects.bulk_create(CheckPhoto(check_row=check, photo=p, position=i) for i, p in enumerate(photos))
    findings = body.get("findings")
    payload = {
        "account": account.ref if account is not None else None,
        "account_kind": post.account.value,
        "platform": post.platform,
        "scheduled_at": post.scheduled_at.isoformat() if post.scheduled_at is not None else None,
        "records": [r.id for r in post.records],
        "markdown": post.markdown,
        "photos": hashes,
        "content_hash": check.content_hash,
        "verdict": check.verdict,
        "codes": sorted({f["code"] for f in findings}) if isinstance(findings, list) else [],
        "changed_from": changed_from.ref if changed_from is not None else None,
    }
    audit.append(
        actor=actor, action="checks.check.run", object_type="checks.check", object_id=check.ref, payload=payload
    )
    return check
