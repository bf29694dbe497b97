"""What an importer yields: an :class:`ImportedItem` for each post, reply, repost, comment or message
found in an account's archive, and an :class:`ImportProblem` for each member or entry that was skipped
(never fatal: the rest of the archive is still imported)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from postguard.errors import ArchiveError


class Kind(StrEnum):
    """What an imported item is. ``repost`` and ``direct-message`` are never the account's publication;
    ``deleted`` items are no longer public."""

    POST = "post"
    REPLY = "reply"  # a reply to someone else
    THREAD = "thread"  # a reply to the account's own post: a thread it wrote
    REPOST = "repost"  # someone else's post shared as it is (a retweet, a boost)
    QUOTE = "quote"  # someone else's post shared with the account's own words
    DELETED = "deleted"
    DIRECT_MESSAGE = "direct-message"
    COMMENT = "comment"  # a comment under a post or video (the account's own, or a visitor's on its blog)
    PAGE = "page"  # a standing page of a blog


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedItem:
    """One item of an account's archive. ``media`` are the archive's member names of its photos;
    ``media_files`` the paths of their extracted copies (in the import's private temporary folder, while
    the import is open), when media are extracted. ``publication`` says whether the audit checks it as
    something the account published."""

    platform: str
    account: str
    id: str
    kind: Kind
    created_at: dt.datetime | None
    text: str
    publication: bool
    media: tuple[str, ...] = ()
    url: str | None = None
    in_reply_to: str | None = None
    refers_to: str | None = None  # the post reposted or quoted (its URL or URI), when the export says
    media_files: tuple[str, ...] = ()
    # the archive member it was read from (set by the readers; not written out)
    source: str = field(default="", compare=False)

    def to_json(self) -> dict[str, object]:
        """The item as one JSON object (what ``postguard audit import`` writes per line)."""
        return {
            "platform": self.platform,
            "account": self.account,
            "id": self.id,
            "kind": self.kind.value,
            "created_at": _iso(self.created_at),
            "text": self.text,
            "media": list(self.media),
            "url": self.url,
            "in_reply_to": self.in_reply_to,
            "refers_to": self.refers_to,
            "publication": self.publication,
        }


def _iso(when: dt.datetime | None) -> str | None:
    if when is None:
        return None
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A member or entry that was skipped, or imported only in part: where, and why in one line."""

    member: str
    code: str
    reason: str
    entry: str | None = None
    # a notice skips nothing: it says what the export cannot give (a photo the platform keeps elsewhere)
    notice: bool = False

    @property
    def message(self) -> str:
        return f"{self.member}: {self.reason}"

    @classmethod
    def of(cls, error: ArchiveError, *, member: str | None = None, notice: bool = False) -> ImportProblem:
        return cls(
            member=error.member or member or "archive",
            code=error.code,
            reason=error.reason,
            entry=error.entry,
            notice=notice,
        )

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"member": self.member, "entry": self.entry, "code": self.code, "reason": self.reason}
        if self.notice:
            out["notice"] = True
        return out


def problem(
    code: str, member: str, *, entry: str | int | None = None, notice: bool = False, **values: object
) -> ImportProblem:
    """An :class:`ImportProblem` with its message from :data:`postguard.errors.MESSAGES`."""
    error = ArchiveError(code, member=member, entry=None if entry is None else str(entry), **values)
    return ImportProblem.of(error, notice=notice)
