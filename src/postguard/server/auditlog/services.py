"""Writing the audit log: append an entry (every other app's services call this inside their own
transaction), and erase a person's fields from it.

Appends are serialised: the head row is locked with ``SELECT ... FOR UPDATE`` on PostgreSQL, and on SQLite
every transaction begins IMMEDIATE (it holds the database's write lock from its first statement). Two
appends therefore never read the same head, and the unique sequence number and hash are a second guard:
the chain cannot fork.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from postguard.errors import GovernanceError
from postguard.server.access import Actor
from postguard.server.auditlog.chain import GENESIS, Header, check_value, field_digest, payload_digest
from postguard.server.auditlog.models import Entry, EntryPerson, Head

# Payload keys that would put a secret in the log (the log is read by auditors; secrets never go there).
SECRET_WORDS = ("password", "secret", "token", "passcode", "api_key", "apikey", "private_key")


def append(
    *,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object,
    payload: Mapping[str, Any] | None = None,
    personal: Mapping[str, int] | None = None,
) -> Entry:
    """Append one entry. ``personal`` names the payload fields that are a person's data, with the person's
    registry id, so that erasing that person finds them.

    Call it inside the transaction that makes the change it records: if the change rolls back, so does
    the entry.
    """
    data = dict(payload or {})
    people = dict(personal or {})
    for key, value in data.items():
        if any(word in key.lower() for word in SECRET_WORDS):
            raise GovernanceError("PG630", key=key)
        check_value(key, value)
    if not set(people) <= set(data):
        raise ValueError(f"personal fields not in the payload: {sorted(set(people) - set(data))}")
    with transaction.atomic():
        head = Head.objects.select_for_update().get(pk=1)
        salts = {key: secrets.token_hex(16) for key in data}
        digests = {key: field_digest(key, salts[key], value) for key, value in data.items()}
        header = Header(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor.label,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            payload_digest=payload_digest(digests),
        )
        digest = header.hash_after(head.hash)
        entry = Entry.objects.create(
            seq=header.seq,
            at=header.at,
            actor=header.actor,
            action=action,
            object_type=object_type,
            object_id=header.object_id,
            payload=data,
            salts=salts,
            redacted={},
            prev_hash=head.hash,
            hash=digest,
        )
        EntryPerson.objects.bulk_create(EntryPerson(entry=entry, person_id=p, key=k) for k, p in people.items())
        Head.objects.filter(pk=1).update(seq=header.seq, hash=digest)
    return entry


def attribute(*, object_type: str, object_id: object, keys: Iterable[str], person_id: int) -> int:
    """Mark the fields ``keys`` of every entry about one object as this person's data, when whose data they
    are is learnt after they were logged (a misuse report that named nobody the registry held, later
    attached to the person). The entries themselves do not change (the marks are beside the chain), so the
    log still verifies; erasing the person then finds them. Returns how many fields were marked."""
    wanted = set(keys)
    marks = []
    with transaction.atomic():
        entries = Entry.objects.filter(object_type=object_type, object_id=str(object_id)).order_by("seq")
        for entry in entries:
            known = set(entry.people.filter(person_id=person_id).values_list("key", flat=True))
            marks += [
                EntryPerson(entry=entry, person_id=person_id, key=key)
                for key in sorted(wanted & set(entry.payload) - known)
            ]
        EntryPerson.objects.bulk_create(marks)
    return len(marks)


def erase_person(*, actor: Actor, person_id: int) -> int:
    """Replace every payload field that is this person's data by its digest; returns how many fields.

    The digests keep the chain verifiable; the salts go, so the erased values cannot be guessed back.
    The caller (the registry's erasure service) checks permission and records the erasure.
    """
    fields: dict[int, set[str]] = defaultdict(set)
    with transaction.atomic():
        Head.objects.select_for_update().get(pk=1)  # no append interleaves with the rewrite
        marks = EntryPerson.objects.filter(person_id=person_id, erased=False)
        for entry_id, key in marks.values_list("entry_id", "key"):
            fields[entry_id].add(key)
        erased = 0
        for entry in Entry.objects.select_for_update().filter(pk__in=fields).order_by("seq"):
            payload, salts, redacted = dict(entry.payload), dict(entry.salts), dict(entry.redacted)
            for key in sorted(fields[entry.pk]):
                if key in payload:
                    redacted[key] = field_digest(key, salts.pop(key), payload.pop(key))
                    erased += 1
            entry.payload, entry.salts, entry.redacted = payload, salts, redacted
            entry.save(update_fields=["payload", "salts", "redacted"])
        marks.update(erased=True)  # kept: verification accepts only the redactions an erasure made
    return erased


def reset_head() -> None:
    """The head of an empty log (the migration makes it; tests that empty the tables call this)."""
    Head.objects.update_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})
