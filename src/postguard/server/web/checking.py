"""Fixing a stored check from the web app: apply one finding's fix (or every safe one) to the post and check
it again, as a new stored check.

A check (:mod:`postguard.server.checks`) keeps the post and its report's JSON, whose findings carry their
fixes: edits to the text, and operations on the photos (strip the metadata, blur boxes). Applying a fix
edits the text and writes cleaned copies of the photos (:func:`postguard.photos.operations.write_photos`),
then :func:`postguard.server.checks.services.run_check` checks the result with the same account, platform,
time, bio and records. Only the check's author applies its fixes; an unsafe fix (it changes what the post
says) must be confirmed.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import Actor
from postguard.server.checks.content import photo_path
from postguard.server.checks.models import Check

RECORD_PREFIXES = ("C", "WP", "SP", "AZ", "L")


@dataclass(frozen=True, slots=True)
class Fixed:
    check: Check
    cleaned: tuple[str, ...]  # the sha256 of each photo the fix rewrote (a cleaned copy)


def parse_records(value: str) -> list[str]:
    """The record ids a post cites (``C-3, WP-1``): refused unless each looks like a record id (PG693)."""
    out: list[str] = []
    for part in value.replace(";", ",").replace("\n", ",").split(","):
        ref = part.strip().upper()
        if not ref:
            continue
        prefix, _, number = ref.partition("-")
        if prefix not in RECORD_PREFIXES or not number.isdigit() or len(number) > 12:
            raise GovernanceError("PG693", ref=part.strip())
        if ref not in out:
            out.append(ref)
    return out


def photo_files(check: Check) -> list[Path]:
    """The check's photos on disk, in the post's order."""
    photos = {p.sha256: p for p in check.photos.all()}
    return [photo_path(photos[sha]) for sha in check.photo_hashes()]


def photo_bytes(check: Check) -> list[bytes]:
    return [path.read_bytes() for path in photo_files(check)]


def run_again(actor: Actor, check: Check, text: str, photos: list[bytes]) -> Check:
    """Check ``text`` and ``photos`` as ``check`` was checked: its account (or account kind and platform),
    time, bio, cited records, and as Markdown when it was; the new check records that it was changed from
    ``check``."""
    from postguard.server.checks.services import run_check

    return run_check(
        actor=actor,
        text=text,
        account=check.account,
        account_kind=check.account_kind,
        platform=check.platform,
        bio=check.bio,
        scheduled_at=check.scheduled_at,
        records=list(check.cited_records),
        photos=photos,
        markdown=check.markdown,
        changed_from=check,
    )


def _findings(check: Check) -> list[dict[str, Any]]:
    findings = check.report.get("findings", [])
    return findings if isinstance(findings, list) else []


def _apply(actor: Actor, check: Check, chosen: list[dict[str, Any]]) -> Fixed:
    from postguard.fixes.apply import apply_edits
    from postguard.photos.operations import write_photos
    from postguard.types import Edit, PhotoOperation

    if actor.user_id is None or actor.user_id != check.author_id:
        raise AccessDenied("PG601", actor=actor.label, action=f"fix {check.ref}, another's check")
    edits = [Edit(e["start"], e["end"], e["replacement"]) for f in chosen for e in f["fix"]["edits"]]
    text = apply_edits(check.text, edits)
    operations: dict[int, list[PhotoOperation]] = {}
    for f in chosen:
        for op in f["fix"].get("photo_operations") or []:
            boxes = tuple(tuple(int(v) for v in box) for box in op.get("boxes") or ())
            operations.setdefault(op["photo"], []).append(PhotoOperation(op["photo"], op["operation"], boxes))  # type: ignore[arg-type]
    files = photo_files(check)
    photos = [path.read_bytes() for path in files]
    cleaned: list[int] = []
    if operations:
        with tempfile.TemporaryDirectory(prefix="postguard-clean-") as out:
            for index, path in write_photos([str(f) for f in files], operations, out_dir=out):
                photos[index] = Path(path).read_bytes()
                cleaned.append(index)
    new = run_again(actor, check, text, photos)
    hashes = new.photo_hashes()
    return Fixed(new, tuple(hashes[i] for i in cleaned if i < len(hashes)))


def apply_fix(actor: Actor, check: Check, number: int, *, confirmed: bool = False) -> Fixed:
    """Apply the fix of finding ``number`` (from 1) and check the post again. An unsafe fix needs
    ``confirmed`` (PG696); a finding without a fix that may be applied is refused (PG695)."""
    findings = _findings(check)
    if not 1 <= number <= len(findings) or not findings[number - 1].get("fix"):
        raise GovernanceError("PG695", number=number)
    fix = findings[number - 1]["fix"]
    if fix["applicability"] not in ("safe", "unsafe"):
        raise GovernanceError("PG695", number=number)
    if fix["applicability"] == "unsafe" and not confirmed:
        raise GovernanceError("PG696", number=number, title=fix["title"])
    return _apply(actor, check, [findings[number - 1]])


def apply_safe_fixes(actor: Actor, check: Check) -> Fixed:
    """Apply every safe fix of the check and check the post again (PG695 when there is none)."""
    safe = [f for f in _findings(check) if f.get("fix") and f["fix"]["applicability"] == "safe"]
    if not safe:
        raise GovernanceError("PG695", number="(any)")
    return _apply(actor, check, safe)
