"""Reading the audit log: entries for those who may read it, and the chain's verification."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from postguard.server.access import Actor, require
from postguard.server.auditlog.chain import Verification, verify
from postguard.server.auditlog.models import Entry, EntryPerson, Head


def entries_visible_to(actor: Actor) -> QuerySet[Entry]:
    """Every entry for those who may read the log; otherwise the entries the actor made."""
    entries = Entry.objects.order_by("seq")
    return entries if actor.can("read the audit log") else entries.filter(actor=actor.label)


def verify_log(chunk_size: int = 2000) -> Verification:
    """Walk the whole chain (streamed in sequence order) and report the first broken entry, or OK."""
    head = Head.objects.get(pk=1)

    def seq_of_hash(digest: str) -> int | None:
        return Entry.objects.filter(hash=digest).values_list("seq", flat=True).first()

    erased: dict[int, set[str]] = defaultdict(set)
    for entry_id, key in EntryPerson.objects.filter(erased=True).values_list("entry_id", "key"):
        erased[entry_id].add(key)
    rows = (
        e.stored(frozenset(erased.get(e.pk, ()))) for e in Entry.objects.order_by("seq").iterator(chunk_size=chunk_size)
    )
    return verify(rows, head.seq, head.hash, seq_of_hash)


def verification_for(actor: Actor) -> Verification:
    """The chain's verification, for those who may read the whole log."""
    require(actor, "read the audit log")
    return verify_log()
