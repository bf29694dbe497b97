"""The check page's service: check a draft post with the library and the registry, and apply its fixes.

A :class:`Draft` is what the page holds between requests: the text, the photos (stored by their sha256
in the data folder's ``drafts`` folder), the account (a registered account the user may see, or
personal), the platform, the scheduled time, the bio and the records cited. :func:`check` runs the
library's engine with the registry as its record source (records the draft cites, the account's standing
records and those covering its photos lift findings); :func:`apply_fix` applies one finding's fix (or
:func:`apply_safe_fixes` every safe one) and returns the new draft: an edited text, or a cleaned copy of a
photo stored beside the original. Reports are kept a short while per user and draft, so that applying a
fix does not check the same post twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postguard.errors import GovernanceError
from postguard.server.access import Actor
from postguard.types import AccountKind, Applicability, Finding, Post, Record, Report

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from postguard.engine import Engine
    from postguard.server.registry.models import Account

MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PHOTOS = 10
RECORD_KINDS = {
    "C": "consent",
    "WP": "written-permission",
    "SP": "written-permission",
    "AZ": "authorisation",
    "L": "licence",
}
PERSONAL = "personal"
REPORT_TTL_S = 600
REPORTS_KEPT = 64


@dataclass(frozen=True, slots=True)
class Draft:
    text: str = ""
    markdown: bool = False
    photos: tuple[str, ...] = ()
    account: str = PERSONAL  # "personal" or an account's ref
    platform: str = "x"
    scheduled_at: dt.datetime | None = None
    bio: str = ""
    records: tuple[str, ...] = ()
    cleaned: tuple[str, ...] = ()  # the photos that are cleaned copies made by a fix (not part of the check)

    def key(self) -> str:
        parts = [
            self.text,
            str(self.markdown),
            ",".join(self.photos),
            self.account,
            self.platform,
            self.scheduled_at.isoformat() if self.scheduled_at else "",
            self.bio,
            ",".join(self.records),
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Checked:
    draft: Draft
    post: Post
    report: Report
    account: Account | None = None
    # index of each finding in the report, for the fix buttons
    numbered: tuple[tuple[int, Finding], ...] = field(default=())

    @property
    def safe_fixes(self) -> int:
        return sum(1 for f in self.report.findings if f.fix is not None and f.fix.applicability == Applicability.SAFE)


# --- photos -------------------------------------------------------------------------------------------


def drafts_dir() -> Path:
    from django.conf import settings

    folder = Path(settings.MEDIA_ROOT) / "drafts"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def photo_path(digest: str) -> Path | None:
    """The stored photo with this sha256, or None."""
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        return None
    found = sorted(drafts_dir().glob(f"{digest}.*"))
    return found[0] if found else None


def store_photo(upload: UploadedFile) -> str:
    """Keep an uploaded photo (by its sha256) after the library's loader has read it; its sha256.

    Refused: a file over 20 MB (PG690) and a file that is not a photo the library can read (PG691).
    """
    from postguard.photos.load import image_problem

    name = upload.name or "photo"
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        raise GovernanceError("PG690", name=name, limit=MAX_PHOTO_BYTES // (1024 * 1024))
    suffix = Path(name).suffix.lower()
    if not suffix or len(suffix) > 6 or not suffix[1:].isalnum():
        suffix = ".img"
    folder = drafts_dir()
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=suffix, dir=folder)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in upload.chunks():
                size += len(chunk)
                if size > MAX_PHOTO_BYTES:
                    raise GovernanceError("PG690", name=name, limit=MAX_PHOTO_BYTES // (1024 * 1024))
                digest.update(chunk)
                out.write(chunk)
        problem = image_problem(tmp)
        if problem is not None:
            raise GovernanceError("PG691", name=name, reason=problem)
        sha = digest.hexdigest()
        if photo_path(sha) is None:
            os.replace(tmp, folder / f"{sha}{suffix}")
        return sha
    finally:
        Path(tmp).unlink(missing_ok=True)


def _store_file(path: Path) -> str:
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if photo_path(sha) is None:
        target = drafts_dir() / f"{sha}{path.suffix.lower() or '.img'}"
        tmp = target.with_name(f".{target.name}.{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return sha


# --- the check ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def engine() -> Engine:
    """One engine per process, with the registry as its record source (models load on first use)."""
    from postguard.engine import Engine
    from postguard.server.registry.records import RegistryRecords

    return Engine(records=lambda post: RegistryRecords(platform=post.platform))


_engine_lock = threading.Lock()
_reports: OrderedDict[tuple[str, str], tuple[float, Report]] = OrderedDict()
_reports_lock = threading.Lock()


def usable_accounts(actor: Actor) -> list[Account]:
    """The registered accounts the actor may post as: those they own or administer; everyone's for those
    who read the whole registry (the communications office posts on official accounts)."""
    from postguard.server.registry.selectors import accounts_visible_to

    return list(accounts_visible_to(actor).order_by("platform", "handle"))


def _account(actor: Actor, ref: str) -> Account | None:
    if ref == PERSONAL:
        return None
    for account in usable_accounts(actor):
        if account.ref == ref:
            return account
    raise GovernanceError("PG692", account=ref)


def parse_records(value: str) -> tuple[str, ...]:
    """The record ids a draft cites (``C-3, WP-1``): refused unless each is a record id (PG693)."""
    out: list[str] = []
    for part in value.replace(";", ",").replace("\n", ",").split(","):
        ref = part.strip().upper()
        if not ref:
            continue
        prefix, _, number = ref.partition("-")
        if prefix not in RECORD_KINDS or not number.isdigit() or len(number) > 12:
            raise GovernanceError("PG693", ref=part.strip())
        if ref not in out:
            out.append(ref)
    return tuple(out)


def post_of(actor: Actor, draft: Draft) -> tuple[Post, Account | None]:
    account = _account(actor, draft.account)
    paths = []
    for digest in draft.photos:
        path = photo_path(digest)
        if path is None:
            raise GovernanceError("PG694", photo=digest[:12])
        paths.append(str(path))
    records = tuple(Record(ref, RECORD_KINDS[ref.partition("-")[0]]) for ref in draft.records)
    post = Post(
        text=draft.text,
        photos=tuple(paths),
        account=AccountKind(account.kind) if account is not None else AccountKind.PERSONAL,
        bio=draft.bio,
        platform=account.platform if account is not None else draft.platform,
        scheduled_at=draft.scheduled_at,
        records=records,
        markdown=draft.markdown,
        account_id=account.ref if account is not None else None,
    )
    return post, account


def check(actor: Actor, draft: Draft) -> Checked:
    """Check the draft as ``actor`` (who must be able to post as its account)."""
    post, account = post_of(actor, draft)
    key = (actor.label, draft.key())
    now = time.monotonic()
    with _reports_lock:
        kept = _reports.get(key)
    if kept is not None and now - kept[0] < REPORT_TTL_S:
        report = kept[1]
    else:
        with _engine_lock:
            report = engine().check(post)
        with _reports_lock:
            _reports[key] = (now, report)
            _reports.move_to_end(key)
            while len(_reports) > REPORTS_KEPT:
                _reports.popitem(last=False)
    return Checked(draft, post, report, account, tuple(enumerate(report.findings)))


def _apply(checked: Checked, findings: Iterable[Finding]) -> Draft:
    from postguard.fixes.apply import apply_edits
    from postguard.photos.operations import write_photos

    chosen = [f for f in findings if f.fix is not None]
    text = apply_edits(checked.post.text, [e for f in chosen if f.fix is not None for e in f.fix.edits])
    operations: dict[int, list[Any]] = {}
    for f in chosen:
        assert f.fix is not None
        for op in f.fix.photo_operations:
            operations.setdefault(op.photo, []).append(op)
    photos = list(checked.draft.photos)
    cleaned = list(checked.draft.cleaned)
    if operations:
        with tempfile.TemporaryDirectory(dir=drafts_dir(), prefix=".clean-") as out:
            for index, path in write_photos(list(checked.post.photos), operations, out_dir=out):
                photos[index] = _store_file(path)
                cleaned.append(photos[index])
    return replace(checked.draft, text=text, photos=tuple(photos), cleaned=tuple(c for c in cleaned if c in photos))


def apply_fix(actor: Actor, draft: Draft, number: int, *, confirmed: bool = False) -> Draft:
    """Apply the fix of finding ``number`` of the draft's report. An unsafe fix (it changes the meaning)
    needs ``confirmed`` (PG696); a finding without a fix that may be applied is refused (PG695)."""
    checked = check(actor, draft)
    findings = checked.report.findings
    if not 0 <= number < len(findings) or findings[number].fix is None:
        raise GovernanceError("PG695", number=number + 1)
    fix = findings[number].fix
    assert fix is not None
    if fix.applicability == Applicability.DISPLAY_ONLY:
        raise GovernanceError("PG695", number=number + 1)
    if fix.applicability == Applicability.UNSAFE and not confirmed:
        raise GovernanceError("PG696", number=number + 1, title=fix.title)
    return _apply(checked, [findings[number]])


def apply_safe_fixes(actor: Actor, draft: Draft) -> Draft:
    checked = check(actor, draft)
    safe = [f for f in checked.report.findings if f.fix is not None and f.fix.applicability == Applicability.SAFE]
    return _apply(checked, safe)
