"""Records that lift findings: consents, written permissions, authorisations and licences.

A :class:`RecordSource` is where records come from. Today's is :class:`CitedRecords`, the records a post
carries with it (``--record``, JSON lines, ``Post.records``); the registry of the governance service
(``postguard.server.registry.records.RegistryRecords``) answers the same questions from its tables, and
also what an account's security settings lack (SE002). :mod:`postguard.records.lifting` decides which record
lifts which finding, and who to route an unlifted one to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from postguard.types import Post, Record


class RecordSource(Protocol):
    """Where the records that may lift a post's findings come from."""

    def by_id(self, record_id: str) -> Record | None:
        """The record with this id, or None when there is none."""
        ...

    def of_person(self, person: str) -> Sequence[Record]:
        """The records whose subject is this person (their consents)."""
        ...

    def of_account(self, account: str) -> Sequence[Record]:
        """The records that stand for an account (an official account's standing permissions)."""
        ...

    def of_photo(self, sha256: str) -> Sequence[Record]:
        """The records that cover the photo with this content hash (a consent to that photo)."""
        ...

    def security_gaps(self, account: str) -> Sequence[str]:
        """What the account's security settings lack (G38: two-factor off, no recovery contact...), one
        phrase each, as its registry knows them; empty when the account is sound or unknown (SE002)."""
        ...


class CitedRecords:
    """The records a post cites, given with it: a source that knows only those. It knows no account's
    security settings unless they are given (``gaps``: account id to what it lacks)."""

    def __init__(self, records: Sequence[Record], gaps: Mapping[str, Sequence[str]] | None = None) -> None:
        self._records = tuple(records)
        self._by_id = {r.id: r for r in self._records}
        self._gaps = {account: tuple(found) for account, found in (gaps or {}).items()}

    def by_id(self, record_id: str) -> Record | None:
        return self._by_id.get(record_id)

    def of_person(self, person: str) -> Sequence[Record]:
        return [r for r in self._records if r.subject == person]

    def of_account(self, account: str) -> Sequence[Record]:
        return [r for r in self._records if r.account == account]

    def of_photo(self, sha256: str) -> Sequence[Record]:
        return [r for r in self._records if sha256 in r.photos]

    def security_gaps(self, account: str) -> Sequence[str]:
        return self._gaps.get(account, ())


def candidates(post: Post, source: RecordSource, photo_hashes: Sequence[str] = ()) -> list[Record]:
    """The records that may lift this post's findings, in the order the post cites them: each record the
    post cites (looked up in ``source``, so a registry's current copy wins over what the post says),
    then the standing records of its account and those covering its photos, each once."""
    out: list[Record] = []
    seen: set[str] = set()

    def take(record: Record | None) -> None:
        if record is not None and record.id not in seen:
            seen.add(record.id)
            out.append(record)

    for cited in post.records:
        take(source.by_id(cited.id))
    if post.account_id is not None:
        for record in source.of_account(post.account_id):
            take(record)
    for digest in photo_hashes:
        for record in source.of_photo(digest):
            take(record)
    return out
